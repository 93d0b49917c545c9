import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../../platform/redis/redis.module';

/** How long a connection counts as online without a heartbeat (a crashed node's sockets expire). */
export const PRESENCE_TTL_MS = 60_000;
export const PRESENCE_HEARTBEAT_MS = 20_000;

const key = (projectId: string): string => `spectre:presence:${projectId}`;
const member = (userId: string, socketId: string): string => `${userId}|${socketId}`;
const userOf = (m: string): string => m.split('|')[0];
/** The distinct agents among presence members (an agent with several sockets is one member each). */
const agentsOf = (members: string[]): string[] => [...new Set(members.map(userOf))];

/**
 * Which agents are online per project. Each agent socket is a member with an expiry score, in
 * Redis when REDIS_URL is set (so every node sees every node's agents), in memory otherwise.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly local = new Map<string, Map<string, number>>();
  private readonly logger = new Logger(PresenceService.name);

  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  join(projectIds: string[], userId: string, socketId: string): Promise<void> {
    return this.tolerant(() => this.add(projectIds, userId, socketId), undefined);
  }

  leave(projectIds: string[], userId: string, socketId: string): Promise<void> {
    return this.tolerant(() => this.remove(projectIds, userId, socketId), undefined);
  }

  /** Distinct agents with a live connection to the project (none known while Redis is away). */
  onlineAgents(projectId: string): Promise<string[]> {
    return this.tolerant(() => this.read(projectId), []);
  }

  /** onlineAgents for many projects in one Redis round trip (the heartbeat's recheck). */
  onlineAgentsMany(projectIds: string[]): Promise<Map<string, string[]>> {
    return this.tolerant(() => this.readMany(projectIds), new Map());
  }

  /** Presence is advisory: while Redis is unreachable, log and carry on rather than fail the caller. */
  private async tolerant<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.logger.warn(`presence unavailable: ${(err as Error).message}`);
      return fallback;
    }
  }

  private async add(projectIds: string[], userId: string, socketId: string): Promise<void> {
    const expires = Date.now() + PRESENCE_TTL_MS;
    if (!this.redis) {
      for (const p of projectIds) this.localSet(p).set(member(userId, socketId), expires);
      return;
    }
    if (projectIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const p of projectIds) {
      pipeline.zadd(key(p), expires, member(userId, socketId));
      pipeline.pexpire(key(p), PRESENCE_TTL_MS * 2);
    }
    await pipeline.exec();
  }

  private async remove(projectIds: string[], userId: string, socketId: string): Promise<void> {
    if (!this.redis) {
      for (const p of projectIds) this.local.get(p)?.delete(member(userId, socketId));
      return;
    }
    if (projectIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const p of projectIds) pipeline.zrem(key(p), member(userId, socketId));
    await pipeline.exec();
  }

  private async read(projectId: string): Promise<string[]> {
    const now = Date.now();
    let members: string[];
    if (this.redis) {
      await this.redis.zremrangebyscore(key(projectId), '-inf', now);
      members = await this.redis.zrangebyscore(key(projectId), now, '+inf');
    } else {
      const set = this.local.get(projectId) ?? new Map<string, number>();
      for (const [m, exp] of set) if (exp <= now) set.delete(m);
      members = [...set.keys()];
    }
    return agentsOf(members);
  }

  private async readMany(projectIds: string[]): Promise<Map<string, string[]>> {
    if (!this.redis) {
      const entries = await Promise.all(projectIds.map(async (p) => [p, await this.read(p)] as const));
      return new Map(entries);
    }
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const p of projectIds) pipeline.zrangebyscore(key(p), now, '+inf');
    const results = (await pipeline.exec()) ?? [];
    const online = new Map<string, string[]>();
    projectIds.forEach((p, i) => {
      const [err, members] = results[i] ?? [];
      if (err) throw err;
      online.set(p, agentsOf((members as string[] | undefined) ?? []));
    });
    return online;
  }

  onModuleDestroy(): void {
    this.local.clear();
  }

  private localSet(projectId: string): Map<string, number> {
    let set = this.local.get(projectId);
    if (!set) this.local.set(projectId, (set = new Map()));
    return set;
  }
}
