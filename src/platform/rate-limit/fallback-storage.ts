import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counters in Redis, shared by every node; while Redis is unreachable, in this node's memory instead,
 * so limits (login brute force above all) keep holding through an outage, per node rather than
 * per deployment. Each outage is logged once, and so is the recovery.
 */
export class FallbackThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitRedis');
  private readonly memory = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly shared: ThrottlerStorageRedisService) {
    shared.redis.on('error', (err: Error) => this.degrade(err.message));
    // Said as soon as the connection is back, not at the next request that happens to count.
    shared.redis.on('ready', () => this.recover());
  }

  static connect(url: string): FallbackThrottlerStorage {
    // One retry: while Redis is away a request should fall back quickly, not stall.
    return new FallbackThrottlerStorage(new ThrottlerStorageRedisService(url, { maxRetriesPerRequest: 1 }));
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    if (!this.degraded || this.shared.redis.status === 'ready') {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        this.recover();
        return record;
      } catch (err) {
        this.degrade((err as Error).message);
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  // At warn, like the outage it ends: production logs keep error and warn only, and an operator
  // who saw the outage must be able to see that it ended.
  private recover(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.warn('Redis is back: rate-limit counters are shared between nodes again');
  }

  private degrade(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis unreachable (${reason}): counting rate limits in this node's memory`);
  }

  // The shared storage's Redis client stays open through the drain (requests in flight still count
  // against shared limits) and is closed with the rest, after the HTTP server has closed.
  onApplicationShutdown(): void {
    this.shared.onModuleDestroy();
    this.memory.onApplicationShutdown();
  }
}
