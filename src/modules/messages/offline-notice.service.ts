import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../platform/events/domain-events';
import { Transactions } from '../../db/transactions';
import type { Project } from '../../db/schema';
import { isOpen } from '../business-hours/business-hours';
import { toConversationView } from '../conversations/conversation.views';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { toMessageView } from './message.views';
import { MessagesRepository } from './messages.repository';

export const DEFAULT_OFFLINE_MESSAGE =
  "We're away right now. Leave your message and email address and we'll get back to you.";

/**
 * The out-of-hours auto-reply (csat lane): a visitor writing outside the project's business hours
 * gets its offline message as a `system` message, at most once per conversation per 24 h. The
 * claim and the append commit together, so a failed append leaves the claim free for the next try.
 */
@Injectable()
export class OfflineNoticeService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** Called after a visitor's message was stored; sends the notice when due. */
  async afterVisitorMessage(project: Project, conversationId: string, now = new Date()): Promise<void> {
    const hours = project.settings.businessHours;
    if (!hours || isOpen(hours, now)) return;
    const body = hours.offlineMessage || DEFAULT_OFFLINE_MESSAGE;
    const result = await this.transactions.run(async (tx) => {
      if (!(await this.conversations.claimOfflineNotice(conversationId, tx))) return undefined;
      const clientMessageId = `offline-notice:${now.toISOString()}`;
      return this.messages.append({ conversationId, sender: 'system', body, clientMessageId }, tx);
    });
    if (result?.kind !== 'created') return;
    const message = toMessageView(result.message);
    this.events.publish({
      type: 'message.created',
      message,
      conversation: toConversationView(result.conversation),
    });
  }
}
