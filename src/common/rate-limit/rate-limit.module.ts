import { Global, Logger, Module } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { bucketLimits, type RateLimitBucket } from './rate-limit.buckets';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RateLimiter, SocketEventLimiter } from './rate-limiter.service';

/** Shared counters across nodes. The storage owns the connection and closes it on shutdown. */
function redisStorage(url: string): ThrottlerStorageRedisService {
  // One retry: a Redis outage should fail open quickly (see RateLimiter), not stall requests.
  const storage = new ThrottlerStorageRedisService(url, { maxRetriesPerRequest: 1 });
  const logger = new Logger('RateLimitRedis');
  storage.redis.on('error', (err: Error) => logger.warn(`redis: ${err.message}`));
  return storage;
}

/**
 * Rate limits: RateLimiter / SocketEventLimiter (injectable anywhere) and the interceptor that
 * @AuthRateLimit / @WidgetRateLimit put on their routes. Counters live in Redis when REDIS_URL is set.
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
        storage: config.REDIS_URL ? redisStorage(config.REDIS_URL) : undefined,
      }),
    }),
  ],
  providers: [RateLimiter, SocketEventLimiter, RateLimitInterceptor],
  exports: [RateLimiter, SocketEventLimiter],
})
export class RateLimitModule {}
