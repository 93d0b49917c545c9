import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { RATE_LIMIT_BUCKETS, trackerFor, type RateLimitBucket } from './rate-limit.buckets';
import { RateLimiter } from './rate-limiter.service';

/**
 * Applies @RateLimit buckets. An interceptor rather than a guard: interceptors run after every guard,
 * so widget limits can key on the visitor the widget guard authenticated, whatever the guard order.
 * Bodies are not validated yet here, so malformed attempts count too.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const buckets = this.reflector.getAllAndOverride<RateLimitBucket[] | undefined>(RATE_LIMIT_BUCKETS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (buckets?.length) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const route = `${context.getClass().name}.${context.getHandler().name}`;
      for (const bucket of buckets) {
        const tracker = trackerFor(bucket, request, route);
        if (tracker !== undefined) await this.limiter.enforce(bucket, tracker);
      }
    }
    return next.handle();
  }
}
