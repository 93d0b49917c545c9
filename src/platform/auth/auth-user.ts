import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** The authenticated dashboard user of a request or socket. */
export interface AuthUser {
  id: string;
  /** Refresh-token family this access token belongs to; revoking the family ends the session. */
  sessionId: string;
  /** When the access token expires (ms since epoch); sockets are closed then. */
  expiresAt?: number;
}

export const IS_PUBLIC = 'spectre:isPublic';
/**
 * Marks a route that does not need an agent JWT (auth endpoints, widget routes, health). The empty
 * security requirement tells the document; documentSecurity() turns it into `security: []` unless
 * the route declares its own schemes (the widget's).
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
