import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';

/** The shared Redis client, or null when REDIS_URL is unset (single-node mode). */
export const REDIS = Symbol('REDIS');

/**
 * A Redis client whose commands wait in the offline queue while Redis is briefly away.
 * `maxRetriesPerRequest: null` never gives up on a queued command: right for the Socket.IO adapter,
 * whose publishes nobody awaits (a rejection there would be unhandled). Presence uses a bound.
 */
export function createRedis(
  url: string,
  maxRetriesPerRequest: number | null = 3,
  extra: RedisOptions = {},
): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest,
    enableOfflineQueue: true,
    lazyConnect: false,
    ...extra,
  });
  // Connection errors are retried by ioredis; without a listener each one would be thrown.
  redis.on('error', () => undefined);
  return redis;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis | null =>
        config.REDIS_URL ? createRedis(config.REDIS_URL) : null,
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
