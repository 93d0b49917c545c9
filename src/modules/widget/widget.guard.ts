import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { clientIp } from '../../common/rate-limit';
import { ErrorCode } from '../../common/errors/error-codes';
import type { AuthUser } from '../../common/auth/auth-user';
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
    const ctx = await this.auth.authenticate({
      projectKey: header(request, 'x-project-key'),
      visitorToken: visitorTokenOf(request),
      origin: header(request, 'origin'),
      ip: clientIp(request),
    });
    request.widget = ctx;
    if (ctx.renewedToken)
      void context.switchToHttp().getResponse<FastifyReply>().header('x-visitor-token', ctx.renewedToken);
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
 * widget request; otherwise an agent access token is required.
 */
@Injectable()
export class WidgetOrAgentGuard implements CanActivate {
  constructor(
    private readonly widget: WidgetGuard,
    private readonly agentTokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WidgetRequest & { user?: AuthUser }>();
    const bearer = bearerToken(request.headers.authorization);
    const widgetHeaders = header(request, 'x-project-key') ?? header(request, 'x-visitor-token');
    if (!widgetHeaders && bearer && this.agentTokens.looksLikeAccessToken(bearer)) {
      request.user = await this.agentTokens.verify(bearer);
      return true;
    }
    return this.widget.canActivate(context);
  }
}
