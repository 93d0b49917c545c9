import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { NotificationPrefs } from '../../db/schema';
import { OutboxDispatcher } from '../../platform/outbox/outbox.dispatcher';
import type { OutboxEvent } from '../../platform/outbox/outbox.repository';
import { AccessService } from '../access/access.service';
import { conversationFromRow } from '../conversations/conversation.views';
import { messageFromRow } from '../messages/message.views';
import { PresenceService } from '../presence/presence.service';
import { AppLinks } from './app-links';
import { ContinuityService } from './continuity.service';
import { MailQueueRepository, type QueuedMail } from './mail-queue.repository';
import { MailSender } from './mail-sender.service';
import { NotificationsRepository } from './notifications.repository';
import type { MailContent } from './templates/mail-layout';
import {
  invitationMail,
  newConversationMail,
  passwordResetMail,
  webhookDisabledMail,
} from './templates/mail-templates';

type Payload = Record<string, unknown>;
const STAFF = new Set(['owner', 'admin']);

/**
 * Turns outbox events into queued mails (MailSender sends them) and continuity checks. Quick and
 * idempotent: each mail's key is the event id (and recipient), so a redelivered event queues nothing new.
 */
@Injectable()
export class NotificationsConsumer implements OnModuleInit {
  private readonly links: AppLinks;

  constructor(
    private readonly outbox: OutboxDispatcher,
    private readonly queue: MailQueueRepository,
    private readonly sender: MailSender,
    private readonly repo: NotificationsRepository,
    private readonly continuity: ContinuityService,
    private readonly access: AccessService,
    private readonly presence: PresenceService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.links = new AppLinks(config);
  }

  onModuleInit(): void {
    this.outbox.register({
      name: 'notifications',
      handle: (event) => this.handle(event),
      handleBatch: (events) => this.handleBatch(events),
    });
  }

  handle(event: OutboxEvent): Promise<void> {
    return this.handleBatch([event]);
  }

  /** Most events need no mail (and no query): a batch's mails are queued in one insert. */
  async handleBatch(events: OutboxEvent[]): Promise<void> {
    const mails: QueuedMail[] = [];
    for (const event of events) mails.push(...(await this.mailsFor(event)));
    if ((await this.queue.enqueue(mails)) > 0) this.sender.soon();
  }

  private async mailsFor(event: OutboxEvent): Promise<QueuedMail[]> {
    const p = event.payload;
    switch (event.type) {
      case 'invitation.created':
        return this.invitation(event.id, p);
      case 'password_reset.requested':
        return this.passwordReset(event.id, p);
      case 'message.created': {
        const message = messageFromRow(p.message as Payload);
        if (message.sender === 'agent' && !message.private)
          await this.continuity.agentReplied(message.conversationId);
        return [];
      }
      case 'conversation.created':
        return this.newConversation(event.id, p);
      case 'webhook.disabled':
        return this.webhookDisabled(event.id, p);
      default:
        return [];
    }
  }

  private invitation(eventId: number, p: Payload): QueuedMail[] {
    const invitation = p.invitation as Payload;
    const content = invitationMail({
      teamName: String(p.teamName),
      inviterName: (p.inviterName as string | null) ?? null,
      role: String(invitation.role),
      acceptUrl: this.links.invitation(String(p.token)),
      expiresAt: new Date(invitation.expires_at as string),
    });
    return [{ ...content, key: `event:${eventId}`, kind: 'invitation', to: String(invitation.email) }];
  }

  private passwordReset(eventId: number, p: Payload): QueuedMail[] {
    const user = p.user as { id: string; email: string; name: string };
    if (new Date(p.expiresAt as string).getTime() < Date.now()) return []; // too late to be of use
    const content = passwordResetMail({
      name: user.name,
      resetUrl: this.links.passwordReset(String(p.token)),
    });
    return [{ ...content, key: `event:${eventId}`, kind: 'password-reset', to: user.email, userId: user.id }];
  }

  /** While no agent of the project is online: the assignee, or else the team's owners and admins. */
  private async newConversation(eventId: number, p: Payload): Promise<QueuedMail[]> {
    const conversation = conversationFromRow(p.conversation as Payload);
    if ((await this.presence.onlineAgents(conversation.projectId)).length > 0) return [];
    const members = await this.access.projectMembers(conversation.projectId);
    const assignee = members.find((m) => m.userId === conversation.assigneeId);
    const ids = assignee ? [assignee.userId] : members.filter((m) => STAFF.has(m.role)).map((m) => m.userId);
    const ctx = await this.repo.conversationContext(conversation.id);
    if (!ctx) return [];
    const content = newConversationMail({
      projectName: ctx.projectName,
      visitorName: ctx.visitorName,
      preview: ctx.preview,
      conversationUrl: this.links.conversation(conversation.id),
      settingsUrl: this.links.accountSettings(),
    });
    // It carries the visitor's name and first message: erasing the visitor deletes it too.
    const mails = await this.toUsers(eventId, 'new-conversation', ids, 'newConversation', content);
    return mails.map((m) => ({ ...m, visitorId: conversation.visitorId }));
  }

  private async webhookDisabled(eventId: number, p: Payload): Promise<QueuedMail[]> {
    const projectId = String(p.projectId);
    const projectName = await this.repo.projectName(projectId);
    if (!projectName) return [];
    const members = await this.access.projectMembers(projectId);
    const content = webhookDisabledMail({
      projectName,
      url: String(p.url),
      reason: String(p.reason ?? 'failing'),
      webhooksUrl: this.links.projectSettings(projectId),
      settingsUrl: this.links.accountSettings(),
    });
    const staff = members.filter((m) => STAFF.has(m.role)).map((m) => m.userId);
    return this.toUsers(eventId, 'webhook-disabled', staff, 'webhookDisabled', content);
  }

  /** The mail for each of the users who did not turn this kind off. */
  private async toUsers(
    eventId: number,
    kind: string,
    userIds: string[],
    pref: keyof NotificationPrefs,
    content: MailContent,
  ): Promise<QueuedMail[]> {
    const users = await this.repo.usersByIds(userIds);
    return users
      .filter((u) => u.notificationPrefs[pref] !== false)
      .map((u) => ({ ...content, key: `event:${eventId}:${u.id}`, kind, to: u.email, userId: u.id }));
  }
}
