import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RATE_LIMIT_BUCKETS, type RateLimitBucket } from './rate-limit.buckets';

/** Documents the 429 of a route whose service enforces a limit (RateLimiter.enforce). */
export const ApiRateLimited = (): MethodDecorator & ClassDecorator =>
  ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED; the Retry-After header says when to retry (s)',
  });

/**
 * Counts a route against the given buckets (see RateLimitInterceptor for when and how). The
 * interceptor is attached per route, so routes without limits do not pay for it.
 */
export const RateLimit = (...buckets: RateLimitBucket[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_BUCKETS, buckets),
    UseInterceptors(RateLimitInterceptor),
    ApiRateLimited(),
  );

/** Login/register/refresh: RATE_LIMIT_AUTH_PER_MINUTE per IP and per email (when the body has one). */
export const AuthRateLimit = (): MethodDecorator & ClassDecorator => RateLimit('auth-ip', 'auth-email');

/**
 * Widget routes. Keys come from the widget guard's request.widget (project, visitorId); the check
 * runs after all guards, so decorator order does not matter:
 *
 *   @Post() @UseGuards(WidgetGuard) @WidgetRateLimit('message')          // per visitor (else IP+project)
 *   @Post('conversations') @UseGuards(WidgetGuard) @WidgetRateLimit('conversation') // per IP+project
 *
 * When one route only sometimes opens a conversation, inject RateLimiter instead and call
 * `enforce('conversation', `${projectId}:${ip}`)` on that path (clientIp() gives the IP).
 */
export const WidgetRateLimit = (
  ...kinds: Array<'conversation' | 'message'>
): MethodDecorator & ClassDecorator => RateLimit(...kinds);
