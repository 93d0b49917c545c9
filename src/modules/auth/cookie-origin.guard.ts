import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { adminOriginAllowed } from '../../platform/security/http-security';
import { readRefreshCookie, wantsRefreshCookie } from './refresh-cookie';

/**
 * Requests that carry the refresh cookie, or ask for one, must come from an origin the admin API
 * allows (its own, or CORS_ORIGINS). SameSite=Strict already keeps the cookie off cross-site
 * requests; this also refuses same-site but foreign origins (a sibling subdomain) and login CSRF.
 */
@Injectable()
export class CookieOriginGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!wantsRefreshCookie(request) && readRefreshCookie(request) === undefined) return true;
    if (adminOriginAllowed(this.config, request.headers.origin, request.headers)) return true;
    throw new AppError(ErrorCode.ORIGIN_NOT_ALLOWED, 'This origin may not use the session cookie');
  }
}
