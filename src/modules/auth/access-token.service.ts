import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { AuthRepository } from './auth.repository';

interface AccessClaims {
  sub: string;
  sid: string;
  typ: 'access';
  exp?: number;
}

/** Issues and checks access JWTs; used by the HTTP guard and the agent socket handshake. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AuthRepository) private readonly repo: AuthRepository,
  ) {}

  sign(user: AuthUser): Promise<string> {
    const claims: AccessClaims = { sub: user.id, sid: user.sessionId, typ: 'access' };
    return this.jwt.signAsync(claims);
  }

  /** Cheap pre-check (no signature check) to tell an access JWT from other bearer tokens. */
  looksLikeAccessToken(token: string): boolean {
    const claims = this.jwt.decode<Partial<AccessClaims> | null>(token);
    return claims?.typ === 'access';
  }

  /** Verifies signature, expiry and that the session (refresh-token family) is not revoked. */
  async verify(token: string | undefined): Promise<AuthUser> {
    if (!token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Missing bearer token');
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch (err) {
      if (err instanceof TokenExpiredError)
        throw new AppError(ErrorCode.TOKEN_EXPIRED, 'Access token expired');
      throw new AppError(ErrorCode.TOKEN_INVALID, 'Access token is not valid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw new AppError(ErrorCode.TOKEN_INVALID, 'Access token is not valid');
    }
    if (!(await this.activeSessions([claims.sid])).has(claims.sid)) {
      throw new AppError(ErrorCode.TOKEN_INVALID, 'Session has ended');
    }
    return { id: claims.sub, sessionId: claims.sid, expiresAt: claims.exp ? claims.exp * 1000 : undefined };
  }
  /** The sessions (refresh-token families) among `sessionIds` that are not revoked. */
  activeSessions(sessionIds: string[]): Promise<Set<string>> {
    return this.repo.activeSessions(sessionIds);
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}
