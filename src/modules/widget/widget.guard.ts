import {
  createParamDecorator,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error';
import { clientIp } from '../../platform/rate-limit';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { AuthUser } from '../../platform/auth/auth-user';
import { adminOriginAllowed, withholdCors } from '../../platform/security/http-security';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { AccessTokenService, bearerToken } from '../auth/access-token.service';
import { WidgetAuthService, type WidgetContext } from './widget-auth.service';

type WidgetRequest = FastifyRequest & { widget?: WidgetContext };

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

export const visitorTokenOf = (req: FastifyRequest): string | undefined =>
  header(req, 'x-visitor-token') ?? bearerToken(req.headers.authorization);

/**
 * Authenticates widget routes (which are @Public for the agent guard): X-Project-Key and/or the
 * visitor token, plus the project's allowed origins. A renewed token is returned in X-Visitor-Token.
 */
@Injectable()
export class WidgetGuard implements CanActivate {
  constructor(private readonly auth: WidgetAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WidgetRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const ctx = await this.auth
      .authenticate({
        projectKey: header(request, 'x-project-key'),
        visitorToken: visitorTokenOf(request),
        origin: header(request, 'origin'),
        ip: clientIp(request),
      })
      .catch((err: unknown) => {
        // An origin the project allows is the only one whose page may read the answer.
        if (err instanceof AppError && err.code === ErrorCode.ORIGIN_NOT_ALLOWED) withholdCors(reply);
        throw err;
      });
    request.widget = ctx;
    if (ctx.renewedToken) void reply.header('x-visitor-token', ctx.renewedToken);
    return true;
  }
}

/** The widget context set by WidgetGuard. */
export const Widget = createParamDecorator((_: unknown, ctx: ExecutionContext): WidgetContext => {
  const widget = ctx.switchToHttp().getRequest<WidgetRequest>().widget;
  if (!widget) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Widget credentials are required');
  return widget;
});

/** The visitor of a widget request; routes that need one refuse token-less requests. */
export function requireVisitor(ctx: WidgetContext): string {
  if (!ctx.visitorId) throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'A visitor token is required');
  return ctx.visitorId;
}

/**
 * For routes shared by the widget and the dashboard: a visitor token (or project key) makes it a
 * widget request; otherwise an agent access token is required (and CORS_ORIGINS applies).
 */
@Injectable()
export class WidgetOrAgentGuard implements CanActivate {
  constructor(
    private readonly widget: WidgetGuard,
    private readonly agentTokens: AccessTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WidgetRequest & { user?: AuthUser }>();
    const bearer = bearerToken(request.headers.authorization);
    const widgetHeaders = header(request, 'x-project-key') ?? header(request, 'x-visitor-token');
    if (!widgetHeaders && bearer && this.agentTokens.looksLikeAccessToken(bearer)) {
      // An agent's request follows the admin API's CORS policy, even on this widget path.
      if (!adminOriginAllowed(this.config, header(request, 'origin'), request.headers)) {
        withholdCors(context.switchToHttp().getResponse<FastifyReply>());
      }
      request.user = await this.agentTokens.verify(bearer);
      return true;
    }
    return this.widget.canActivate(context);
  }
}
