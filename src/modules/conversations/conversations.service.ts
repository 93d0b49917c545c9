import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { DomainEvents } from '../../platform/events/domain-events';
import { RateLimiter } from '../../platform/rate-limit';
import { Transactions } from '../../db/transactions';
import { Envelope } from '../../platform/http/envelope';
import type { PageMeta } from '../../platform/http/pagination';
import type { Conversation } from '../../db/schema';
import type { Db } from '../../db/database';
import { toConversationView, toWidgetConversation, type ConversationView } from './conversation.views';
import { AccessService } from '../access/access.service';
import { LabelsService } from '../labels/labels.service';
import { VisitorsRepository } from '../visitors/visitors.repository';
import { toVisitorProfile } from '../visitors/visitor.views';
import { activityPage, decodeActivityCursor } from './activity-page';
import type {
  ConversationDetailResponseDto,
  InboxItemResponseDto,
  ListConversationsQueryDto,
  ReadStateResponseDto,
  UpdateConversationDto,
  WidgetConversationItemDto,
} from './conversations.dto';
import { ConversationsRepository, type ConversationChanges } from './conversations.repository';

const SNOOZE_SWEEP_MS = 30_000;

@Injectable()
export class ConversationsService implements OnModuleInit {
  constructor(
    private readonly repo: ConversationsRepository,
    private readonly access: AccessService,
    private readonly visitors: VisitorsRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobRunner,
    private readonly limiter: RateLimiter,
    private readonly labels: LabelsService,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'conversations.snooze-wake-ups',
      everyMs: SNOOZE_SWEEP_MS,
      scope: 'cluster',
      run: () => this.wakeSnoozed(),
    });
  }

  /** Snoozed conversations whose time has passed go back to open (checked every 30 s, by one node). */
  async wakeSnoozed(): Promise<number> {
    const woken = await this.repo.wakeSnoozed();
    for (const c of woken) {
      this.events.publish({
        type: 'conversation.updated',
        conversation: toConversationView(c),
        changes: ['status', 'snoozedUntil'],
      });
    }
    return woken.length;
  }

  async visitorConversation(visitorId: string, conversationId: string): Promise<Conversation> {
    const found = await this.repo.findForVisitor(conversationId, visitorId);
    if (!found) throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    return found;
  }

  /** The visitor's own conversations with their unread counts, newest activity first. */
  async listForVisitor(
    visitorId: string,
    q: { cursor?: string; limit: number },
  ): Promise<Envelope<WidgetConversationItemDto[], PageMeta>> {
    const rows = await this.repo.listForVisitor(visitorId, {
      cursor: decodeActivityCursor(q.cursor),
      limit: q.limit,
    });
    const { page, meta } = activityPage(rows, q.limit);
    const data = page.map((r) => ({
      ...toWidgetConversation(toConversationView(r.conversation)),
      unreadCount: r.unread,
    }));
    return new Envelope(data, meta);
  }

  async inbox(
    user: AuthUser,
    q: ListConversationsQueryDto,
  ): Promise<Envelope<InboxItemResponseDto[], PageMeta>> {
    if (q.projectId) await this.access.project(user, q.projectId);
    const rows = await this.repo.inbox({
      userId: user.id,
      projectId: q.projectId,
      status: q.status,
      assignee: q.assignee,
      label: q.label,
      cursor: decodeActivityCursor(q.cursor),
      limit: q.limit,
    });
    const { page, meta } = activityPage(rows, q.limit);
    // One query for the whole page's labels.
    const labels = await this.labels.chipsOf(page.map((r) => r.conversation.id));
    const data = page.map((r) => ({
      ...toConversationView(r.conversation, labels.get(r.conversation.id) ?? []),
      unreadCount: r.unread,
      visitor: r.visitor,
    }));
    return new Envelope(data, meta);
  }

  /** One conversation with the visitor's whole profile (the inbox lists carry a summary). */
  async get(user: AuthUser, conversationId: string): Promise<ConversationDetailResponseDto> {
    const { conversation } = await this.access.conversation(user, conversationId);
    const [unread, visitor, labels] = await Promise.all([
      this.repo.unreadForAgent(conversation.id),
      this.visitors.findById(conversation.visitorId),
      this.labels.chipsOf([conversation.id]),
    ]);
    if (!visitor) throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    return {
      ...toConversationView(conversation, labels.get(conversation.id) ?? []),
      unreadCount: unread,
      visitor: toVisitorProfile(visitor),
    };
  }

  async update(
    user: AuthUser,
    conversationId: string,
    dto: UpdateConversationDto,
  ): Promise<ConversationView> {
    const { conversation: before, teamId } = await this.access.conversation(user, conversationId);
    if (dto.assigneeId && !(await this.access.isMember(teamId, dto.assigneeId))) throw assigneeNotMember();
    const changes: ConversationChanges = {};
    if (dto.status !== undefined) {
      changes.status = dto.status;
      changes.snoozedUntil = dto.status === 'snoozed' && dto.snoozedUntil ? new Date(dto.snoozedUntil) : null;
    }
    if (dto.assigneeId !== undefined) changes.assigneeId = dto.assigneeId;
    const changed = changedFields(before, changes);
    const resolvedBy = changed.includes('status') && changes.status === 'resolved' ? user.id : undefined;
    const after = await this.repo.update(conversationId, changes, teamId, changed, resolvedBy);
    if (!after) {
      // Deleted meanwhile, or the assignee left the team between the check and the write.
      if (dto.assigneeId && !(await this.access.isMember(teamId, dto.assigneeId))) throw assigneeNotMember();
      throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    }
    const view = toConversationView(after, (await this.labels.chipsOf([after.id])).get(after.id) ?? []);
    if (changed.length > 0)
      this.events.publish({ type: 'conversation.updated', conversation: view, changes: changed });
    return view;
  }

  /**
   * A PATCH `{ status: 'resolved' }` by `user`'s write, inside the caller's transaction `tx` (the row
   * and its outbox row commit with the caller's other writes). Nothing is published: pass what it
   * returns to `announceUpdates` after the commit.
   */
  async resolveWithin(
    tx: Db,
    user: AuthUser,
    teamId: string,
    before: Conversation,
  ): Promise<ConversationUpdate | undefined> {
    const changes: ConversationChanges = { status: 'resolved', snoozedUntil: null };
    const changed = changedFields(before, changes);
    const resolvedBy = changed.includes('status') ? user.id : undefined;
    const after = await this.repo.update(before.id, changes, teamId, changed, resolvedBy, tx);
    return after && { conversation: after, changed };
  }

  /** The views of committed updates (labels included), each published as `conversation.updated`. */
  async announceUpdates(updates: ConversationUpdate[]): Promise<ConversationView[]> {
    const labels = await this.labels.chipsOf(updates.map((u) => u.conversation.id));
    return updates.map(({ conversation, changed }) => {
      const view = toConversationView(conversation, labels.get(conversation.id) ?? []);
      if (changed.length > 0)
        this.events.publish({ type: 'conversation.updated', conversation: view, changes: changed });
      return view;
    });
  }

  /**
   * Makes `labelIds` the conversation's labels (labels of its team), in one transaction with a
   * `conversation.updated` (`changes: ['labels']`) outbox row; sockets hear it after commit. A set
   * that changes nothing writes and publishes nothing.
   */
  async setLabels(user: AuthUser, conversationId: string, labelIds: string[]): Promise<ConversationView> {
    const { teamId } = await this.access.conversation(user, conversationId);
    const result = await this.transactions.run(async (tx) => {
      const locked = await this.repo.lockForUpdate(tx, conversationId);
      if (!locked) return undefined;
      const set = await this.labels.replaceConversationLabels(tx, conversationId, teamId, labelIds);
      const row = set.changed ? await this.repo.touchForLabels(tx, conversationId) : locked;
      return row && { view: toConversationView(row, set.labels), changed: set.changed };
    });
    const { view, changed } = stillExists(result);
    if (changed)
      this.events.publish({ type: 'conversation.updated', conversation: view, changes: ['labels'] });
    return view;
  }

  /** Read receipts, REST and socket alike, count against RATE_LIMIT_READS_PER_MINUTE per reader. */
  async markAgentRead(user: AuthUser, conversationId: string, seq?: number): Promise<ReadStateResponseDto> {
    await this.limiter.enforce('read', `user:${user.id}`);
    await this.access.conversation(user, conversationId);
    return this.markRead(conversationId, 'agent', user.id, seq);
  }

  async markVisitorRead(
    visitorId: string,
    conversationId: string,
    seq?: number,
  ): Promise<ReadStateResponseDto> {
    await this.limiter.enforce('read', `visitor:${visitorId}`);
    await this.visitorConversation(visitorId, conversationId);
    return this.markRead(conversationId, 'visitor', visitorId, seq);
  }

  private async markRead(
    conversationId: string,
    side: 'agent' | 'visitor',
    readerId: string,
    seq = 2_147_483_647,
  ): Promise<ReadStateResponseDto> {
    const read = await this.repo.markRead(conversationId, side, seq, readerId);
    const conversation = toConversationView(stillExists(read?.conversation));
    const lastReadSeq = side === 'agent' ? conversation.agentLastReadSeq : conversation.visitorLastReadSeq;
    // A read that moved nothing tells nobody anything new: no event, so repeats cannot flood sockets.
    if (read?.moved) this.events.publish({ type: 'message.read', conversation, side, lastReadSeq, readerId });
    return { conversationId, side, lastReadSeq };
  }
}

/** A row updated by id is gone when it was deleted since the access check (project deleted meanwhile). */
function stillExists<T>(row: T | undefined): T {
  if (!row) throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
  return row;
}

const assigneeNotMember = () =>
  new AppError(ErrorCode.ASSIGNEE_NOT_MEMBER, 'The assignee must be a member of the project team', [
    { path: 'assigneeId', message: 'not a member of this team' },
  ]);

/** The fields a PATCH can change that really changed (what `conversation.updated` lists). */
/** A conversation written inside a caller's transaction, with the fields that changed. */
export interface ConversationUpdate {
  conversation: Conversation;
  changed: (keyof ConversationChanges)[];
}

function changedFields(before: Conversation, changes: ConversationChanges): (keyof ConversationChanges)[] {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  return (['status', 'snoozedUntil', 'assigneeId'] as const).filter(
    (k) => k in changes && !same(before[k], changes[k]),
  );
}
