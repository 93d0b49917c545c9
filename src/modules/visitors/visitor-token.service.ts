import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { jwtKey } from '../../platform/crypto';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { APP_CONFIG } from '../../config/config.module';
import { durationMs } from '../../config/duration';
import type { AppConfig } from '../../config/env.schema';

const VERIFIED_CACHE_SIZE = 20_000;

export interface VisitorClaims {
  /** visitor id */
  vid: string;
  /** project id */
  pid: string;
  /** expiry, seconds since epoch */
  exp: number;
}

/**
 * Visitor tokens are JWTs bound to one visitor of one project, signed with a key derived from
 * JWT_SECRET so an agent token can never pass as a visitor token or the reverse.
 */
@Injectable()
export class VisitorTokenService {
  private readonly secret: string;
  private readonly ttlSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secret = jwtKey(createHmac('sha256', config.JWT_SECRET).update('spectre:visitor-token').digest());
    this.ttlSeconds = Math.floor(durationMs(config.VISITOR_TOKEN_EXPIRES_IN) / 1000);
  }

  sign(visitorId: string, projectId: string): string {
    return this.jwt.sign(
      { vid: visitorId, pid: projectId, typ: 'visitor' },
      { secret: this.secret, expiresIn: this.ttlSeconds },
    );
  }

  /**
   * The token a widget caller should use from now on for `visitorId`: the one it presented (or its
   * renewal) when it is that visitor's, a new one otherwise (a first message, a verified login).
   */
  forVisitor(
    caller: { project: { id: string }; visitorId?: string; visitorToken?: string; renewedToken?: string },
    visitorId: string,
  ): string {
    if (caller.visitorId === visitorId && caller.visitorToken)
      return caller.renewedToken ?? caller.visitorToken;
    return this.sign(visitorId, caller.project.id);
  }

  /** When a token this server issued expires (ms since epoch). */
  expiresAt(token: string): number {
    return this.verify(token).exp * 1000;
  }

  /** Verified tokens (their signature check is a share of every widget request), until they expire. */
  private readonly verified = new Map<string, VisitorClaims>();

  verify(token: string): VisitorClaims {
    const cached = this.verified.get(token);
    if (cached && cached.exp * 1000 > Date.now()) return cached;
    const claims = this.verifySignature(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  private verifySignature(token: string): VisitorClaims {
    try {
      const claims = this.jwt.verify<VisitorClaims & { typ?: string }>(token, {
        secret: this.secret,
        algorithms: ['HS256'],
      });
      if (claims.typ !== 'visitor' || typeof claims.vid !== 'string' || typeof claims.pid !== 'string')
        throw new Error();
      return claims;
    } catch {
      throw new AppError(ErrorCode.VISITOR_TOKEN_INVALID, 'Visitor token is invalid or expired');
    }
  }

  /** Sliding expiry: past half its life, a used token is replaced by a fresh one. */
  needsRenewal(claims: VisitorClaims): boolean {
    return claims.exp - Date.now() / 1000 < this.ttlSeconds / 2;
  }
}
