import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { Metrics } from '../metrics/metrics.service';
import { bucketLimits, storageKey, type BucketLimit, type RateLimitBucket } from './rate-limit.buckets';
import { KeyedWindowCounter } from './keyed-window-counter';

const SOCKET_WINDOW_MS = 10_000;

export interface RateLimitResult {
  ok: boolean;
  /** 0 when ok; otherwise how long until the caller may try again. */
  retryAfterMs: number;
}

/**
 * Counts hits per (bucket, tracker) in the throttler storage: Redis when REDIS_URL is set, so every
 * node shares the counters (per-node memory while Redis is unreachable); memory otherwise. Over the
 * limit the caller stays blocked for the window.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly limits: Record<RateLimitBucket, BucketLimit>;

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.limits = bucketLimits(config);
  }

  async consume(bucket: RateLimitBucket, tracker: string): Promise<RateLimitResult> {
    if (!this.config.RATE_LIMIT_ENABLED) return { ok: true, retryAfterMs: 0 };
    const { limit, ttlMs } = this.limits[bucket];
    const key = storageKey(this.config.RATE_LIMIT_KEY_PREFIX, bucket, tracker);
    try {
      const record = await this.storage.increment(key, ttlMs, limit, ttlMs, bucket);
      if (!record.isBlocked) return { ok: true, retryAfterMs: 0 };
      this.metrics.rateLimited.inc({ bucket });
      return { ok: false, retryAfterMs: Math.max(1, record.timeToBlockExpire) * 1000 };
    } catch (err) {
      // The storage falls back to memory while Redis is away, so this is a bug, not an outage.
      this.logger.error(`rate-limit storage failed, allowing request: ${(err as Error).message}`);
      return { ok: true, retryAfterMs: 0 };
    }
  }

  /** consume(), throwing 429 RATE_LIMITED with Retry-After (seconds) when over the limit. */
  async enforce(bucket: RateLimitBucket, tracker: string): Promise<void> {
    const { ok, retryAfterMs } = await this.consume(bucket, tracker);
    if (ok) return;
    const seconds = Math.ceil(retryAfterMs / 1000);
    throw new AppError(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${seconds}s`, undefined, {
      'Retry-After': String(seconds),
    });
  }
}

/**
 * Socket events per client (RATE_LIMIT_SOCKET_EVENTS_PER_10S), across this node's sockets: the
 * caller keys them per visitor or user, so opening more sockets does not buy more events. Counted
 * in process: a client's sockets may sit on several nodes, but each node holds the line for its own.
 */
@Injectable()
export class SocketEventLimiter {
  readonly limit: number;
  private readonly counters: KeyedWindowCounter;
  private readonly refused: { inc(): void };

  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: Metrics) {
    this.limit = config.RATE_LIMIT_ENABLED ? config.RATE_LIMIT_SOCKET_EVENTS_PER_10S : Infinity;
    this.counters = new KeyedWindowCounter(this.limit, SOCKET_WINDOW_MS);
    this.refused = metrics.rateLimited.labels('socket-event');
  }

  /** Counts one event against `key`'s budget for this window. */
  hit(key: string): ReturnType<KeyedWindowCounter['hit']> {
    const result = this.counters.hit(key);
    if (!result.ok) this.refused.inc();
    return result;
  }
}
