import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { StreamFanout } from '../../src/platform/redis/stream-fanout';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { sleep, waitUntil } from './support/processes';

// The cross-node event path on its own, against a private Redis that is killed and started again.
describe('StreamFanout across a Redis outage', () => {
  let redis: PrivateRedis;
  const fanouts: StreamFanout<number>[] = [];

  before(async () => {
    redis = await startPrivateRedis();
  });
  after(async () => {
    await Promise.allSettled(fanouts.map((f) => f.close(500)));
    await redis.cleanup();
  });

  function node(maxQueued?: number, url = redis.url) {
    const got: number[] = [];
    const resumed = { count: 0 };
    const fanout = new StreamFanout<number>({
      url,
      stream: 'test:fanout',
      maxQueued,
      onEntry: (n) => got.push(n),
      onResumed: () => (resumed.count += 1),
    });
    fanouts.push(fanout);
    fanout.start();
    return { fanout, got, resumed };
  }

  it('delivers, in order and never to the publisher, what was published while Redis was down', async () => {
    const a = node();
    const b = node();
    await sleep(300);
    a.fanout.publish(1);
    await waitUntil('entry 1 at b', () => b.got.length === 1, 5000);
    await redis.stop();
    for (let n = 2; n <= 50; n++) a.fanout.publish(n);
    await sleep(1000);
    await redis.start();
    await waitUntil('every entry at b', () => b.got.length === 50, 10_000);
    expect(b.got).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(a.got).toEqual([]);
    // Both links were down: each tells its sockets to resync once it has read everything.
    await waitUntil('both resumed', () => a.resumed.count === 1 && b.resumed.count === 1, 10_000);
  });

  it('drops publishes past maxQueued while only its node is cut off, then makes the others resync', async () => {
    const proxy = await cuttableProxy(redis.port);
    const a = node(5, proxy.url);
    const b = node();
    await sleep(300);
    proxy.cut();
    await sleep(200);
    for (let n = 1; n <= 20; n++) a.fanout.publish(n);
    await sleep(500);
    expect(b.resumed.count).toBe(0);
    proxy.restore();
    await waitUntil('the queued entries at b', () => b.got.length === 5, 10_000);
    // b's own link never dropped: only a's marker can make it resume.
    await waitUntil('b resumed', () => b.resumed.count === 1, 10_000);
    expect(b.got).toEqual([1, 2, 3, 4, 5]);
    proxy.close();
  });

  it('adds the drop marker as soon as the link is back, while publishes keep its queue busy', async () => {
    // 20 ms to Redis and a publish every millisecond: from the restore on, something is always queued.
    const proxy = await cuttableProxy(redis.port, 20);
    const a = node(50, proxy.url);
    const b = node();
    await sleep(300);
    proxy.cut();
    await sleep(200);
    for (let n = 1; n <= 80; n++) a.fanout.publish(n);
    proxy.restore();
    let n = 1000;
    const load = setInterval(() => a.fanout.publish(n++), 1);
    try {
      await waitUntil('b resumed under load', () => b.resumed.count >= 1, 5000);
      expect(b.got.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    } finally {
      clearInterval(load);
      proxy.close();
    }
  });
});

/**
 * A TCP proxy to Redis whose connections can be cut (and new ones refused) while Redis stays up;
 * with `delayMs`, what clients send reaches Redis that much later.
 */
async function cuttableProxy(port: number, delayMs = 0) {
  const open = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(port, '127.0.0.1');
    for (const c of [client, upstream]) {
      open.add(c);
      c.on('close', () => open.delete(c));
      c.on('error', () => undefined);
    }
    upstream.pipe(client);
    if (delayMs === 0) return void client.pipe(upstream);
    client.on('data', (chunk) => setTimeout(() => upstream.write(chunk), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${own}`,
    cut() {
      refusing = true;
      for (const c of open) c.destroy();
    },
    restore() {
      refusing = false;
    },
    close() {
      for (const c of open) c.destroy();
      server.close();
    },
  };
}
