import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { DomainEvents } from '../../platform/events/domain-events';
import type { Conversation, Rating } from '../../db/schema';
import { AccessService } from '../access/access.service';
import { toConversationView } from '../conversations/conversation.views';
import { ConversationsService } from '../conversations/conversations.service';
import { visitorBlocked } from '../visitors/visitor-blocked';
import { VisitorsRepository } from '../visitors/visitors.repository';
import type { WidgetContext } from '../widget/widget-auth.service';
import { requireVisitor } from '../widget/widget.guard';
import type {
  ConversationRatingResponseDto,
  RateConversationDto,
  WidgetRatingStateResponseDto,
} from './csat.dto';
import { CsatRepository } from './csat.repository';
import { RATING_EDIT_WINDOW_MS, toRatingView, type RatingView } from './rating.views';
import './rating.events';

const editable = (r: Rating, now = Date.now()) => now < r.createdAt.getTime() + RATING_EDIT_WINDOW_MS;

/**
 * Satisfaction ratings: one per conversation, by its visitor, asked for once an agent resolved it
 * (when the project has `settings.csat.enabled`), changeable for 7 days.
 */
@Injectable()
export class CsatService {
  constructor(
    private readonly repo: CsatRepository,
    private readonly conversations: ConversationsService,
    private readonly access: AccessService,
    private readonly visitors: VisitorsRepository,
    private readonly events: DomainEvents,
  ) {}

  async rate(ctx: WidgetContext, conversationId: string, dto: RateConversationDto): Promise<RatingView> {
    const visitorId = requireVisitor(ctx);
    const conversation = await this.conversations.visitorConversation(visitorId, conversationId);
    if (await this.visitors.isBlocked(visitorId)) throw visitorBlocked('rate conversations');
    const existing = await this.repo.find(conversationId);
    if (existing && !editable(existing)) throw ratingLocked();
    if (!existing) this.assertRequested(ctx, conversation);
    const rating = await this.repo.upsert({
      conversationId,
      projectId: conversation.projectId,
      score: dto.score,
      comment: dto.comment ?? null,
    });
    // The 7 days ran out between the check and the write.
    if (!rating) throw ratingLocked();
    const view = toRatingView(rating);
    this.events.publish({
      type: 'csat.submitted',
      rating: view,
      conversation: toConversationView(conversation),
    });
    return view;
  }

  async stateForVisitor(ctx: WidgetContext, conversationId: string): Promise<WidgetRatingStateResponseDto> {
    const conversation = await this.conversations.visitorConversation(requireVisitor(ctx), conversationId);
    const rating = await this.repo.find(conversationId);
    const askable = isRequested(ctx, conversation);
    return {
      requested: askable && !rating,
      editable: rating ? editable(rating) : askable,
      rating: rating ? toRatingView(rating) : null,
    };
  }

  async forAgent(user: AuthUser, conversationId: string): Promise<ConversationRatingResponseDto> {
    await this.access.conversation(user, conversationId);
    const rating = await this.repo.find(conversationId);
    return { rating: rating ? toRatingView(rating) : null };
  }

  private assertRequested(ctx: WidgetContext, conversation: Conversation): void {
    if (!ctx.project.settings.csat?.enabled) {
      throw new AppError(ErrorCode.CSAT_DISABLED, 'Satisfaction ratings are turned off for this project');
    }
    if (conversation.status !== 'resolved') {
      throw new AppError(ErrorCode.RATING_NOT_REQUESTED, 'A conversation can be rated once it is resolved');
    }
  }
}

const isRequested = (ctx: WidgetContext, c: Conversation): boolean =>
  Boolean(ctx.project.settings.csat?.enabled) && c.status === 'resolved';

const ratingLocked = () =>
  new AppError(ErrorCode.RATING_LOCKED, 'A rating can only be changed within 7 days of giving it');
