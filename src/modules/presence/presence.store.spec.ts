import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import Redis from 'ioredis';
import { MemoryPresenceStore } from './memory-presence.store';
import { PresenceService } from './presence.service';
import type { PresenceMember, PresenceStore } from './presence.store';
import { RedisPresenceStore } from './redis-presence.store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY_TTL_MS = 120_000;

interface Driver {
  name: string;
  /** A fresh store; called in before(). */
  open(): Promise<PresenceStore>;
  close(): Promise<void>;
}

const memoryDriver = (): Driver => ({
  name: 'MemoryPresenceStore',
  open: () => Promise.resolve(new MemoryPresenceStore()),
  close: () => Promise.resolve(),
});

/** Against the shared Redis: keys under a prefix of its own, deleted afterwards (never FLUSHALL). */
function redisDriver(): Driver {
  const prefix = `spectre:test:presence:${randomUUID()}:`;
  let redis: Redis | undefined;
  return {
    name: 'RedisPresenceStore',
    open: () => {
      redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      return Promise.resolve(new RedisPresenceStore(redis, { keyTtlMs: KEY_TTL_MS, keyPrefix: prefix }));
    },
    close: async () => {
      if (!redis) return;
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}

const sorted = (members: PresenceMember[]): PresenceMember[] =>
  [...members].sort((a, b) => `${a.userId}|${a.socketId}`.localeCompare(`${b.userId}|${b.socketId}`));

/** The same cases for every driver: what PresenceService relies on. */
function presenceStoreContract(driver: Driver): void {
  describe(driver.name, () => {
    let store: PresenceStore;
    const now = Date.now();
    const project = (): string => randomUUID();

    before(async () => {
      store = await driver.open();
    });
    after(() => driver.close());

    it('keeps a member live until its expiry, and forgets it once read after', async () => {
      const p = project();
      const alice = { userId: 'alice', socketId: 's1' };
      await store.add([p], alice, now + 1_000);
      expect(await store.live(p, now)).toEqual([alice]);
      expect(await store.live(p, now + 999)).toEqual([alice]);
      expect(await store.live(p, now + 1_000)).toEqual([]);
      // The expired member was dropped by the read, not just hidden from it.
      expect(await store.live(p, now)).toEqual([]);
    });

    it('moves the expiry of a member added again (the heartbeat) without duplicating it', async () => {
      const p = project();
      const alice = { userId: 'alice', socketId: 's1' };
      await store.add([p], alice, now + 1_000);
      await store.add([p], alice, now + 5_000);
      expect(await store.live(p, now + 2_000)).toEqual([alice]);
    });

    it('keeps each socket of an agent, which PresenceService counts as one agent', async () => {
      const p = project();
      const sockets = [
        { userId: 'alice', socketId: 's1' },
        { userId: 'alice', socketId: 's2' },
        { userId: 'bob', socketId: 's3' },
      ];
      for (const s of sockets) await store.add([p], s, Date.now() + 60_000);
      expect(sorted(await store.live(p, Date.now()))).toEqual(sockets);
      expect((await new PresenceService(store).onlineAgents(p)).sort()).toEqual(['alice', 'bob']);
    });

    it('removes one socket from the given projects only', async () => {
      const [p1, p2] = [project(), project()];
      const s1 = { userId: 'alice', socketId: 's1' };
      const s2 = { userId: 'alice', socketId: 's2' };
      await store.add([p1, p2], s1, now + 60_000);
      await store.add([p1], s2, now + 60_000);
      await store.remove([p1], s1);
      expect(await store.live(p1, now)).toEqual([s2]);
      expect(await store.live(p2, now)).toEqual([s1]);
      await store.remove([p1, p2], s2);
      await store.remove([p1, p2], s1);
      expect(await store.live(p1, now)).toEqual([]);
      expect(await store.live(p2, now)).toEqual([]);
      // No projects: nothing to do (and no empty round trip failing).
      await store.add([], s1, now + 60_000);
      await store.remove([], s1);
    });

    it('reads many projects at once, each asked-for project in the map, expired members left out', async () => {
      const [p1, p2, empty] = [project(), project(), project()];
      const alice = { userId: 'alice', socketId: 's1' };
      const bob = { userId: 'bob', socketId: 's2' };
      await store.add([p1, p2], alice, now + 60_000);
      await store.add([p2], bob, now + 1_000);
      const live = await store.liveMany([p1, p2, empty], now + 2_000);
      expect([...live.keys()]).toEqual([p1, p2, empty]);
      expect(live.get(p1)).toEqual([alice]);
      expect(live.get(p2)).toEqual([alice]);
      expect(live.get(empty)).toEqual([]);
      expect(await store.liveMany([], now)).toEqual(new Map());
    });

    it('serves PresenceService: join, onlineAgents(Many), leave', async () => {
      const presence = new PresenceService(store);
      const [p1, p2] = [project(), project()];
      await presence.join([p1, p2], 'alice', 's1');
      await presence.join([p1], 'alice', 's2');
      await presence.join([p2], 'bob', 's3');
      expect(await presence.onlineAgents(p1)).toEqual(['alice']);
      const many = await presence.onlineAgentsMany([p1, p2]);
      expect(many.get(p1)).toEqual(['alice']);
      expect(many.get(p2)?.sort()).toEqual(['alice', 'bob']);
      await presence.leave([p1, p2], 'alice', 's1');
      expect(await presence.onlineAgents(p1)).toEqual(['alice']);
      expect(await presence.onlineAgents(p2)).toEqual(['bob']);
      await presence.leave([p1], 'alice', 's2');
      expect(await presence.onlineAgents(p1)).toEqual([]);
    });
  });
}

presenceStoreContract(memoryDriver());

presenceStoreContract(redisDriver());

describe('RedisPresenceStore keys', () => {
  let redis: Redis;
  // The default key space, which other nodes read: only this test's own project key, deleted after.
  const project = randomUUID();
  const key = `spectre:presence:${project}`;
  before(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  after(async () => {
    await redis.del(key);
    await redis.quit();
  });

  it('keeps a project as a sorted set spectre:presence:<projectId> that expires after keyTtlMs', async () => {
    const expiresAt = Date.now() + 60_000;
    await new RedisPresenceStore(redis, { keyTtlMs: KEY_TTL_MS }).add(
      [project],
      { userId: 'alice', socketId: 's1' },
      expiresAt,
    );
    expect(await redis.zrange(key, '0', '-1', 'WITHSCORES')).toEqual(['alice|s1', String(expiresAt)]);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(KEY_TTL_MS - 5_000);
    expect(ttl).toBeLessThanOrEqual(KEY_TTL_MS);
  });
});

describe('PresenceService over a failing store', () => {
  const down = (): Promise<never> => Promise.reject(new Error('connection lost'));
  const failing: PresenceStore = { add: down, remove: down, live: down, liveMany: down };
  const presence = new PresenceService(failing);

  it('carries on with nothing known rather than failing the caller', async () => {
    await expect(presence.join(['p'], 'alice', 's1')).resolves.toBeUndefined();
    await expect(presence.leave(['p'], 'alice', 's1')).resolves.toBeUndefined();
    expect(await presence.onlineAgents('p')).toEqual([]);
    expect(await presence.onlineAgentsMany(['p'])).toEqual(new Map());
  });
});
