import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { DomainEvents } from '../../platform/events/domain-events';
import { RateLimiter } from '../../platform/rate-limit';
import { Envelope } from '../../platform/http/envelope';
import type { PageMeta } from '../../platform/http/pagination';
import type { Db } from '../../db/database';
import { Transactions } from '../../db/transactions';
import { AccessService } from '../access/access.service';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { ConversationsService } from '../conversations/conversations.service';
import { checkIdentity } from '../visitors/identity-verification';
import { VisitorTokenService } from '../visitors/visitor-token.service';
import { VisitorsRepository } from '../visitors/visitors.repository';
import type { WidgetContext } from '../widget/widget-auth.service';
import { toMessageView, type MessageView } from './message.views';
import type { HistoryQueryDto, SendAgentMessageDto, SendVisitorMessageDto } from './messages.dto';
import { MessagesRepository, type AppendInput, type AppendResult } from './messages.repository';
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
  ) {}

  /**
   * A visitor message. Without a token it creates the visitor; without a conversationId it opens
   * a conversation (idempotent per visitor + clientMessageId). All of it commits or none of it.
   */
  async sendAsVisitor(ctx: WidgetContext, dto: SendVisitorMessageDto): Promise<VisitorSendOutcome> {
    const { project } = ctx;
    const profile = dto.visitor;
    const verified = checkIdentity(project, profile?.externalId, profile?.userHash);
    if (!ctx.visitorId && dto.conversationId) {
      throw AppError.notFound(ErrorCode.CONVERSATION_NOT_FOUND, 'Conversation');
    }
    // Limits cover REST and socket sends alike: per visitor (or IP) and, for new conversations, per IP.
    await this.limiter.enforce(
      'message',
      ctx.visitorId ? `visitor:${ctx.visitorId}` : `${project.id}:${ctx.ip}`,
    );
    if (!dto.conversationId) await this.limiter.enforce('conversation', `${project.id}:${ctx.ip}`);
    const base = { sender: 'visitor' as const, body: dto.body, clientMessageId: dto.clientMessageId };

    if (ctx.visitorId && dto.conversationId) {
      const result = await this.repo.append({
        ...base,
        conversationId: dto.conversationId,
        visitorId: ctx.visitorId,
      });
      const outcome = await this.finish(result, false);
      return this.visitorOutcome(outcome, ctx.visitorId, ctx);
    }

    const { visitorId, result, opened } = await this.transactions.run(async (tx) => {
      const visitorId = ctx.visitorId ?? (await this.createVisitor(tx, project.id, dto, verified));
      const { conversation, created } = await this.conversationsRepo.open(
        { projectId: project.id, visitorId, openingClientMessageId: dto.clientMessageId },
        tx,
      );
      const result = await this.repo.append({ ...base, conversationId: conversation.id, visitorId }, tx);
      return { visitorId, result, opened: created };
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

  private async createVisitor(tx: Db, projectId: string, dto: SendVisitorMessageDto, verified: boolean) {
    const { userHash, externalId, ...profile } = dto.visitor ?? {};
    const visitor =
      verified && externalId
        ? await this.visitors.upsertVerified(projectId, externalId, profile, tx)
        : await this.visitors.create(projectId, { ...profile, externalId }, tx);
    return visitor.id;
  }

  /** Turns an append result into the outcome and publishes what changed (after commit). */
  private async finish(
    result: AppendResult,
    opened: boolean,
  ): Promise<SendOutcome & { conversation?: ConversationView }> {
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
