import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { resyncClient, type ResyncClient } from '../support/resync-client';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { sleep, waitUntil } from './support/processes';
import { seedThroughApi, type FaultSeed } from './support/seed';
import { startServer, type ServerProcess } from './support/server-process';
import { steadySender } from './support/steady-sender';
import { compare, conversationHistory, failureOutcomes, figuresLine } from './support/verify';

const PER_SECOND = 25;
const BEFORE_MS = 3000;
const OUTAGE_MS = 10_000;
const AFTER_MS = 3000;
const RECOVERY_LIMIT_MS = 20_000;

// Two nodes on a private PostgreSQL and Redis; the agent on B, the visitor sending on A. Redis is
// killed for 10 s: every acknowledged message must reach the agent exactly once, live or by resync,
// with the client doing only what docs/realtime-delivery.md says.
describe('a Redis outage between two nodes', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let seed: FaultSeed;
  let agent: ResyncClient | undefined;

  before(async () => {
    pg = await startPrivatePostgres();
    redis = await startPrivateRedis();
    const env = { DATABASE_URL: await pg.createDatabase('redis_outage'), REDIS_URL: redis.url };
    nodeA = await startServer({ env });
    nodeB = await startServer({ env });
    seed = await seedThroughApi(nodeA.url);
  });
  after(async () => {
    agent?.close();
    await Promise.allSettled([nodeA?.stop(), nodeB?.stop()]);
    await redis?.cleanup();
    await pg?.cleanup();
  });

  it('delivers every acknowledged message to the agent exactly once', async () => {
    const { conversationId } = seed;
    const inbox = async (): Promise<string[]> => {
      const res = await fetch(`${nodeB.url}/api/v1/conversations?limit=100`, {
        headers: { authorization: `Bearer ${seed.owner.token}` },
      });
      return ((await res.json()) as { data: { id: string }[] }).data.map((c) => c.id);
    };
    agent = await resyncClient(nodeB.url, {
      namespace: '/agent',
      auth: { token: seed.owner.token },
      known: { [conversationId]: 1 },
      refreshList: inbox,
    });
    const sender = steadySender(
      {
        baseUrl: () => nodeA.url,
        projectKey: seed.project.publicKey,
        visitorToken: seed.visitorToken,
        conversationId,
      },
      { perSecond: PER_SECOND },
    );
    const highestAckedBefore = (at: number) =>
      Math.max(1, ...sender.report.acknowledged.filter((a) => a.ackedAt < at).map((a) => a.seq));
    sender.start();
    await sleep(BEFORE_MS);
    await redis.stop();
    const down = Date.now();
    await sleep(OUTAGE_MS);
    await redis.start();
    const back = Date.now();
    // Recovery: until the agent holds, without gaps, everything acknowledged before Redis was back.
    const caughtUp = waitUntil(
      'the agent to catch up',
      () => agent!.contiguous(conversationId) >= highestAckedBefore(back),
      RECOVERY_LIMIT_MS,
      20,
    ).then(() => Date.now() - back);
    await sleep(AFTER_MS);
    const report = await sender.stop();
    const recoveryMs = await caughtUp;
    const ackedDuring = report.acknowledged.filter((a) => a.ackedAt >= down && a.ackedAt < back);
    const highest = Math.max(...report.acknowledged.map((a) => a.seq));
    await waitUntil(
      'the agent to have every ack',
      () => agent!.contiguous(conversationId) >= highest,
      RECOVERY_LIMIT_MS,
    );

    const seen = agent.received.get(conversationId) ?? new Map<number, number>();
    const lost = report.acknowledged.filter((a) => !seen.has(a.seq));
    const stored = compare(
      report.acknowledged,
      await conversationHistory(nodeA.url, seed.project.publicKey, seed.visitorToken, conversationId),
    );
    console.log(
      figuresLine('redis-outage', {
        acknowledged: report.acknowledged.length,
        acknowledgedDuringOutage: ackedDuring.length,
        delivered: report.acknowledged.filter((a) => seen.has(a.seq)).length,
        lost: lost.length,
        duplicatedStored: stored.duplicated.length,
        redeliveredFiltered: agent.counts.redelivered,
        live: agent.counts.live,
        byResync: agent.counts.replayed,
        resyncHints: agent.counts.hints,
        resyncRequests: agent.counts.resyncs,
        failures: JSON.stringify(failureOutcomes(report)),
        recoveryMs,
      }),
    );

    expect(report.abandoned).toEqual([]);
    expect(ackedDuring.length).toBeGreaterThan(0);
    expect(lost.map((a) => a.seq)).toEqual([]);
    expect(stored).toMatchObject({ lost: [], duplicated: [], gaps: [] });
    // The node told its sockets its link had been down; nothing had to be reloaded by hand.
    expect(agent.counts.hints).toBeGreaterThanOrEqual(1);
    expect(nodeA.alive() && nodeB.alive()).toBe(true);
  });
});
