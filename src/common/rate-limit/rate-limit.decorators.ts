import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { RateLimitBucket } from './rate-limit.buckets';

export const RATE_LIMIT_BUCKETS = 'spectre:rateLimitBuckets';

/** Counts a route against the given buckets (see RateLimitInterceptor for when and how). */
export const RateLimit = (...buckets: RateLimitBucket[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMIT_BUCKETS, buckets),
    ApiTooManyRequestsResponse({
      description: 'RATE_LIMITED; the Retry-After header says when to retry (s)',
    }),
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
