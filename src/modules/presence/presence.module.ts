import { Global, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../../platform/redis/redis.module';
import { MemoryPresenceStore } from './memory-presence.store';
import { PRESENCE_TTL_MS, PresenceService } from './presence.service';
import { PRESENCE_STORE, type PresenceStore } from './presence.store';
import { RedisPresenceStore } from './redis-presence.store';

@Global()
@Module({
  providers: [
    {
      provide: PRESENCE_STORE,
      inject: [REDIS],
      useFactory: (redis: Redis | null): PresenceStore =>
        // A key outlives its newest member's expiry, so it is only dropped once every socket has.
        redis ? new RedisPresenceStore(redis, { keyTtlMs: PRESENCE_TTL_MS * 2 }) : new MemoryPresenceStore(),
    },
    PresenceService,
  ],
  exports: [PresenceService],
})
export class PresenceModule {}
