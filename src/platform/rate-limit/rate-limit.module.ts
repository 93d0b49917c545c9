import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { FallbackThrottlerStorage } from './fallback-storage';
import { bucketLimits, type RateLimitBucket } from './rate-limit.buckets';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimiter, SocketEventLimiter } from './rate-limiter.service';

/**
 * Rate limits: RateLimiter / SocketEventLimiter (injectable anywhere) and the interceptor that
 * @AuthRateLimit / @WidgetRateLimit put on their routes. Counters live in Redis when REDIS_URL is set
 * (in memory per node while it is unreachable).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // The buckets double as named throttlers, so @nestjs/throttler's own @Throttle/guard agree with them.
        throttlers: Object.entries(bucketLimits(config)).map(([name, { limit, ttlMs }]) => ({
          name: name as RateLimitBucket,
          limit,
          ttl: ttlMs,
        })),
        storage: config.REDIS_URL ? FallbackThrottlerStorage.connect(config.REDIS_URL) : undefined,
      }),
    }),
  ],
  providers: [RateLimiter, SocketEventLimiter, RateLimitInterceptor],
  exports: [RateLimiter, SocketEventLimiter],
})
export class RateLimitModule {}
