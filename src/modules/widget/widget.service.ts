import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { RateLimiter } from '../../platform/rate-limit';
import type { Visitor } from '../../db/schema';
import { Envelope } from '../../platform/http/envelope';
import type { PageMeta } from '../../platform/http/pagination';
import { activityPage, decodeActivityCursor } from '../conversations/activity-page';
import { ConversationsRepository } from '../conversations/conversations.repository';
import { toConversationView, toWidgetConversation } from '../conversations/conversation.views';
import { PresenceService } from '../presence/presence.service';
import { checkIdentity } from '../visitors/identity-verification';
import { VisitorsRepository } from '../visitors/visitors.repository';
import { WidgetAuthService, type WidgetContext } from './widget-auth.service';
import type {
  WidgetConfigResponseDto,
  WidgetConversationItemDto,
  WidgetSessionDto,
  WidgetSessionResponseDto,
} from './widget.dto';
import { requireVisitor } from './widget.guard';

@Injectable()
export class WidgetService {
  constructor(
    private readonly visitors: VisitorsRepository,
    private readonly conversationsRepo: ConversationsRepository,
    private readonly auth: WidgetAuthService,
    private readonly presence: PresenceService,
    private readonly limiter: RateLimiter,
  ) {}

  async config(ctx: WidgetContext): Promise<WidgetConfigResponseDto> {
    const { project } = ctx;
    return {
      projectId: project.id,
      name: project.settings.name ?? project.name,
      greeting: project.settings.greeting ?? null,
      color: project.settings.color ?? null,
      agentsOnline: (await this.presence.onlineAgents(project.id)).length > 0,
      requireIdentityVerification: project.requireIdentityVerification,
    };
  }

  /**
   * Boots a widget session: returns a visitor token without sending a message. A verified
   * externalId resolves to the same visitor on every device; otherwise the token's visitor (or a
   * new one, counted per IP and project) is used and its profile updated.
   */
  async session(ctx: WidgetContext, dto: WidgetSessionDto): Promise<WidgetSessionResponseDto> {
    const { externalId, userHash, ...profile } = dto.visitor ?? {};
    const verified = checkIdentity(ctx.project, externalId, userHash);
    let visitor: Visitor | undefined;
    if (verified && externalId) {
      visitor = await this.visitors.upsertVerified(ctx.project.id, externalId, profile);
    } else if (ctx.visitorId) {
      visitor = await this.visitors.updateProfile(ctx.visitorId, ctx.project.id, profile);
      if (!visitor)
        throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'Visitor token is invalid or expired');
    } else {
      await this.limiter.enforce('visitor', `${ctx.project.id}:${ctx.ip}`);
      visitor = await this.visitors.create(ctx.project.id, { ...profile, externalId });
    }
    const token =
      visitor.id === ctx.visitorId && ctx.visitorToken
        ? (ctx.renewedToken ?? ctx.visitorToken)
        : this.auth.issueToken(visitor.id, ctx.project.id);
    return {
      visitorToken: token,
      visitor: { id: visitor.id, name: visitor.name, email: visitor.email, verified: visitor.verified },
    };
  }

  async conversations(
    ctx: WidgetContext,
    q: { cursor?: string; limit: number },
  ): Promise<Envelope<WidgetConversationItemDto[], PageMeta>> {
    const rows = await this.conversationsRepo.listForVisitor(requireVisitor(ctx), {
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
}
