import { Injectable } from '@nestjs/common';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { RateLimiter } from '../../platform/rate-limit';
import type { Visitor } from '../../db/schema';
import { isOpen, nextOpenAt } from '../business-hours/business-hours';
import { PresenceService } from '../presence/presence.service';
import { checkIdentity } from '../visitors/identity-verification';
import { visitorBlocked } from '../visitors/visitor-blocked';
import { VisitorTokenService } from '../visitors/visitor-token.service';
import { VisitorsRepository } from '../visitors/visitors.repository';
import { toVisitorSummary } from '../visitors/visitor.views';
import type { WidgetContext } from './widget-auth.service';
import type { WidgetConfigResponseDto, WidgetSessionDto, WidgetSessionResponseDto } from './widget.dto';

@Injectable()
export class WidgetService {
  constructor(
    private readonly visitors: VisitorsRepository,
    private readonly tokens: VisitorTokenService,
    private readonly presence: PresenceService,
    private readonly limiter: RateLimiter,
  ) {}

  async config(ctx: WidgetContext): Promise<WidgetConfigResponseDto> {
    const { project } = ctx;
    const hours = project.settings.businessHours;
    const now = new Date();
    const withinHours = !hours || isOpen(hours, now);
    const agentsOnline = (await this.presence.onlineAgents(project.id)).length > 0;
    return {
      projectId: project.id,
      name: project.settings.name ?? project.name,
      greeting: project.settings.greeting ?? null,
      color: project.settings.color ?? null,
      agentsOnline,
      online: agentsOnline && withinHours,
      withinHours,
      nextOpenAt: hours && !withinHours ? (nextOpenAt(hours, now)?.toISOString() ?? null) : null,
      offlineMessage: hours && !withinHours ? (hours.offlineMessage ?? null) : null,
      csatEnabled: project.settings.csat?.enabled ?? false,
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
      if (!visitor) throw visitorBlocked('start a session');
    } else if (ctx.visitorId) {
      // A blocked visitor's token opens no new session (and the update writes nothing then).
      visitor = await this.visitors.updateProfile(ctx.visitorId, ctx.project.id, profile);
      if (!visitor && (await this.visitors.isBlocked(ctx.visitorId))) throw visitorBlocked('start a session');
      if (!visitor)
        throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'Visitor token is invalid or expired');
    } else {
      await this.limiter.enforce('visitor', `${ctx.project.id}:${ctx.ip}`);
      visitor = await this.visitors.create(ctx.project.id, { ...profile, externalId });
    }
    return { visitorToken: this.tokens.forVisitor(ctx, visitor.id), visitor: toVisitorSummary(visitor) };
  }
}
