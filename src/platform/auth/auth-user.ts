import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

/** The authenticated dashboard user of a request or socket. */
export interface AuthUser {
  id: string;
  /** Refresh-token family this access token belongs to; revoking the family ends the session. */
  sessionId: string;
  /** When the access token expires (ms since epoch); sockets are closed then. */
  expiresAt?: number;
}

export const IS_PUBLIC = 'spectre:isPublic';
/** Marks a route that does not need an agent JWT (auth endpoints, widget routes, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
