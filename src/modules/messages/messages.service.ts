import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { DomainEvents } from '../../platform/events/domain-events';
import { RateLimiter } from '../../platform/rate-limit';
import { Envelope } from '../../platform/http/envelope';
import type { PageMeta } from '../../platform/http/pagination';
import { Transactions } from '../../db/transactions';
import { AccessService } from '../access/access.service';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { ConversationsService } from '../conversations/conversations.service';
import { checkIdentity } from '../visitors/identity-verification';
import { VisitorTokenService } from '../visitors/visitor-token.service';
import { visitorBlocked } from '../visitors/visitor-blocked';
import { VisitorsRepository } from '../visitors/visitors.repository';
import type { WidgetContext } from '../widget/widget-auth.service';
import { requireVisitor } from '../widget/widget.guard';
import { toMessageView, type MessageView } from './message.views';
import type { HistoryQueryDto, SendAgentMessageDto, SendVisitorMessageDto } from './messages.dto';
import { MessagesRepository, type AppendInput, type AppendResult } from './messages.repository';
import { OfflineNoticeService } from './offline-notice.service';
import {
  toConversationView,
  toWidgetConversation,
  type ConversationView,
  type WidgetConversationView,
} from '../conversations/conversation.views';

export interface SendOutcome {
  message: MessageView;
  /** false when the clientMessageId was seen before and the original message is returned. */
  created: boolean;
}

export interface VisitorSendOutcome extends SendOutcome {
  visitorId: string;
  conversation: WidgetConversationView;
  visitorToken: string;
}

@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly repo: MessagesRepository,
    private readonly conversationsRepo: ConversationsRepository,
    private readonly conversations: ConversationsService,
    private readonly access: AccessService,
    private readonly visitors: VisitorsRepository,
    private readonly visitorTokens: VisitorTokenService,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
    private readonly limiter: RateLimiter,
    private readonly offlineNotice: OfflineNoticeService,
  ) {}

  /**
   * A visitor message, always with a visitor token (POST /widget/session gives one): without a
   * conversationId it opens a conversation, idempotent per visitor + clientMessageId. A `visitor`
   * profile updates the token's visitor as the session route does; an externalId is accepted only if
   * it is already the visitor's (a send cannot switch to another visitor: the session route can).
   */
  async sendAsVisitor(ctx: WidgetContext, dto: SendVisitorMessageDto): Promise<VisitorSendOutcome> {
    const { project } = ctx;
    const visitorId = requireVisitor(ctx);
    await this.limiter.enforce('message', `visitor:${visitorId}`);
    if (!dto.conversationId) await this.limiter.enforce('conversation', `${project.id}:${ctx.ip}`);
    if (dto.visitor) await this.applyProfile(ctx, visitorId, dto.visitor);
    const base = {
      sender: 'visitor' as const,
      body: dto.body,
      clientMessageId: dto.clientMessageId,
      attachmentIds: dto.attachmentIds,
    };

    if (dto.conversationId) {
      const result = await this.repo.append({ ...base, conversationId: dto.conversationId, visitorId });
      return this.visitorOutcome(await this.finish(result, false), visitorId, ctx);
    }
    // Opening a conversation (a visitor's first message, not the hot path) checks first, so a blocked
    // visitor does not even start the insert; a block that lands meanwhile still rolls it back below.
    if (await this.visitors.isBlocked(visitorId)) throw visitorBlocked('send messages');
    const { result, opened } = await this.transactions.run(async (tx) => {
      const { conversation, created } = await this.conversationsRepo.open(
        { projectId: project.id, visitorId, openingClientMessageId: dto.clientMessageId },
        tx,
      );
      const result = await this.repo.append({ ...base, conversationId: conversation.id, visitorId }, tx);
      // Rolls the conversation just opened back too: a blocked visitor's send writes no row.
      if (result.kind === 'blocked') throw visitorBlocked('send messages');
      return { result, opened: created };
    });
    return this.visitorOutcome(await this.finish(result, opened), visitorId, ctx);
  }

  async sendAsAgent(user: AuthUser, conversationId: string, dto: SendAgentMessageDto): Promise<SendOutcome> {
    await this.access.conversation(user, conversationId);
    const input: AppendInput = {
      conversationId,
      sender: 'agent',
      authorId: user.id,
      body: dto.body,
      clientMessageId: dto.clientMessageId,
      private: dto.private,
      attachmentIds: dto.attachmentIds,
    };
    const { message, created } = await this.finish(await this.repo.append(input), false);
    return { message, created };
  }

  async historyForVisitor(visitorId: string, conversationId: string, q: HistoryQueryDto) {
    await this.conversations.visitorConversation(visitorId, conversationId);
    return this.history(conversationId, q, false);
  }

  async historyForAgent(user: AuthUser, conversationId: string, q: HistoryQueryDto) {
    await this.access.conversation(user, conversationId);
    return this.history(conversationId, q, true);
  }

  private async history(
    conversationId: string,
    q: HistoryQueryDto,
    includePrivate: boolean,
  ): Promise<Envelope<MessageView[], PageMeta>> {
    const { items, hasMore } = await this.repo.history(conversationId, { ...q, includePrivate });
    const forward = q.after !== undefined && q.before === undefined;
    const edge = forward ? items.at(-1) : items[0];
    return new Envelope(items.map(toMessageView), {
      hasMore,
      nextCursor: hasMore && edge ? String(edge.seq) : null,
    });
  }

  /** The session route's rules, for the token's own visitor (checked before anything is stored). */
  private async applyProfile(
    ctx: WidgetContext,
    visitorId: string,
    profile: NonNullable<SendVisitorMessageDto['visitor']>,
  ) {
    const { externalId, userHash, ...fields } = profile;
    checkIdentity(ctx.project, externalId, userHash);
    if (externalId !== undefined) {
      const visitor = await this.visitors.findById(visitorId);
      if (visitor?.externalId !== externalId) {
        throw new AppError(
          ErrorCode.IDENTITY_CHANGE_NOT_ALLOWED,
          'A message cannot change who the visitor is: identify through POST /api/v1/widget/session',
        );
      }
    }
    const updated = await this.visitors.updateProfile(visitorId, ctx.project.id, fields);
    if (!updated) {
      if (await this.visitors.isBlocked(visitorId)) throw visitorBlocked('send messages');
      throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'Visitor token is invalid or expired');
    }
  }

  /** Turns an append result into the outcome and publishes what changed (after commit). */
  private async finish(
    result: AppendResult,
    opened: boolean,
  ): Promise<SendOutcome & { conversation?: ConversationView }> {
    if (result.kind === 'blocked') throw visitorBlocked('send messages');
    if (result.kind === 'not-found')
      throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    if (result.kind === 'conflict') {
      throw new AppError(
        ErrorCode.CLIENT_MESSAGE_ID_CONFLICT,
        'This clientMessageId is already used by another sender in this conversation',
      );
    }
    const message = toMessageView(result.message);
    if (result.kind === 'duplicate') return { message, created: false };
    const view: ConversationView = toConversationView(result.conversation);
    if (opened) this.events.publish({ type: 'conversation.created', conversation: view });
    else if (result.previousStatus !== view.status) {
      this.events.publish({ type: 'conversation.updated', conversation: view, changes: ['status'] });
    }
    this.events.publish({ type: 'message.created', message, conversation: view });
    return { message, created: true, conversation: view };
  }

  private async visitorOutcome(
    outcome: SendOutcome & { conversation?: ConversationView },
    visitorId: string,
    ctx: WidgetContext,
  ): Promise<VisitorSendOutcome> {
    // The send committed: a failed notice is logged, never the visitor's error (its claim stays free).
    if (outcome.created) {
      await this.offlineNotice
        .afterVisitorMessage(ctx.project, outcome.message.conversationId)
        .catch((err: unknown) =>
          this.logger.warn(`Offline notice for ${outcome.message.conversationId} failed: ${String(err)}`),
        );
    }
    const conversation =
      outcome.conversation ??
      toConversationView(
        await this.conversations.visitorConversation(visitorId, outcome.message.conversationId),
      );
    return {
      message: outcome.message,
      created: outcome.created,
      visitorId,
      conversation: toWidgetConversation(conversation),
      visitorToken: this.visitorTokens.forVisitor(ctx, visitorId),
    };
  }
}
