import type Redis from 'ioredis';
import type { PresenceMember, PresenceStore } from './presence.store';

export interface RedisPresenceOptions {
  /** How long a project's key outlives its last write, so a project nobody heartbeats goes away. */
  keyTtlMs: number;
  keyPrefix?: string;
}

const encode = (m: PresenceMember): string => `${m.userId}|${m.socketId}`;
const decode = (s: string): PresenceMember => {
  const [userId, ...socketId] = s.split('|');
  return { userId, socketId: socketId.join('|') };
};

/**
 * Presence in Redis, so every node sees every node's agents: a sorted set per project
 * (`spectre:presence:<projectId>`) of `userId|socketId` members scored by their expiry (ms).
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly keyTtlMs: number;
  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    { keyTtlMs, keyPrefix = 'spectre:presence:' }: RedisPresenceOptions,
  ) {
    this.keyTtlMs = keyTtlMs;
    this.keyPrefix = keyPrefix;
  }

  async add(projectIds: string[], member: PresenceMember, expiresAt: number): Promise<void> {
    if (projectIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const p of projectIds) {
      pipeline.zadd(this.key(p), expiresAt, encode(member));
      pipeline.pexpire(this.key(p), this.keyTtlMs);
    }
    await pipeline.exec();
  }

  async remove(projectIds: string[], member: PresenceMember): Promise<void> {
    if (projectIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const p of projectIds) pipeline.zrem(this.key(p), encode(member));
    await pipeline.exec();
  }

  async live(projectId: string, now: number): Promise<PresenceMember[]> {
    await this.redis.zremrangebyscore(this.key(projectId), '-inf', now);
    return (await this.redis.zrangebyscore(this.key(projectId), now, '+inf')).map(decode);
  }

  async liveMany(projectIds: string[], now: number): Promise<Map<string, PresenceMember[]>> {
    const pipeline = this.redis.pipeline();
    for (const p of projectIds) pipeline.zrangebyscore(this.key(p), now, '+inf');
    const results = (await pipeline.exec()) ?? [];
    const live = new Map<string, PresenceMember[]>();
    projectIds.forEach((p, i) => {
      const [err, members] = results[i] ?? [];
      if (err) throw err;
      live.set(p, ((members as string[] | undefined) ?? []).map(decode));
    });
    return live;
  }

  private key(projectId: string): string {
    return `${this.keyPrefix}${projectId}`;
  }
}
