import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { widgetHeaders } from '../factories/widget';
import { httpClient } from '../support/http';
import { startBalancer, type Balancer } from './support/balancer';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { sleep, waitUntil } from './support/processes';
import { openVisitorSession, seedThroughApi, type FaultSeed } from './support/seed';
import { startServer, type ServerProcess } from './support/server-process';
import { resyncingWidget, type ResyncingClient } from './support/socket-client';
import { steadySender, type SteadySender } from './support/steady-sender';
import { compare, conversationHistory, failureOutcomes, figuresLine } from './support/verify';

const VISITORS = 5;

describe('kill -9 of a node with sockets on it', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let balancer: Balancer;
  let seed: FaultSeed;
  const clients: ResyncingClient[] = [];

  before(async () => {
    [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    const env = { DATABASE_URL: pg.url(), REDIS_URL: redis.url };
    a = await startServer({ env });
    b = await startServer({ env });
    // Node A first: every client lands there until it dies.
    balancer = await startBalancer([a.port, b.port]);
    seed = await seedThroughApi(b.url);
  });
  after(async () => {
    for (const c of clients) c.close();
    await balancer?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.cleanup();
    await pg?.cleanup();
  });

  it('moves its clients to the other node, where they resync everything acknowledged', async () => {
    const api = httpClient(b.url);
    const visitors: { token: string; conversationId: string; sender: SteadySender }[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const token = await openVisitorSession(balancer.url, seed.project.publicKey);
      const first = await httpClient(balancer.url).post('/api/v1/messages', {
        headers: widgetHeaders(seed.project.publicKey, token),
        body: { body: 'hello', clientMessageId: randomUUID() },
      });
      const conversationId = first.body.data.conversation.id as string;
      clients.push(
        await resyncingWidget(balancer.url, { projectKey: seed.project.publicKey, visitorToken: token }, [
          conversationId,
        ]),
      );
      const sender = steadySender(
        {
          baseUrl: () => balancer.url,
          projectKey: seed.project.publicKey,
          visitorToken: token,
          conversationId,
        },
        { perSecond: 4, giveUpAfterMs: 15_000 },
      );
      visitors.push({ token, conversationId, sender });
    }
    // The agent answers every conversation through node B while visitors talk through node A.
    let agentAcks = 0;
    let agentFailures = 0;
    let replying = true;
    const replies = (async () => {
      for (let n = 0; replying && n < 1000; n++) {
        const v = visitors[n % VISITORS];
        const res = await api.post(`/api/v1/conversations/${v.conversationId}/messages`, {
          token: seed.owner.token,
          body: { body: `reply ${n}`, clientMessageId: randomUUID() },
        });
        if (res.status === 201) agentAcks++;
        else agentFailures++;
        await sleep(50);
      }
    })();
    for (const v of visitors) v.sender.start();

    await sleep(2000);
    const killedAt = Date.now();
    expect((await a.kill9()).signal).toBe('SIGKILL');
    await waitUntil(
      'every client to reconnect and resync on node B',
      () => clients.every((c) => c.connects >= 2 && c.lastResyncAt > killedAt),
      10_000,
    );
    const recoveryMs = Math.max(...clients.map((c) => c.lastResyncAt)) - killedAt;
    await sleep(2000);
    replying = false;
    await replies;
    const reports = await Promise.all(visitors.map((v) => v.sender.stop()));
    await sleep(500); // the last live events

    let acknowledged = agentAcks;
    let lost = 0;
    let duplicated = 0;
    let gaps = 0;
    let unseen = 0;
    const outcomes: Record<string, number> = {};
    for (const [i, v] of visitors.entries()) {
      const stored = await conversationHistory(b.url, seed.project.publicKey, v.token, v.conversationId);
      const verdict = compare(reports[i].acknowledged, stored);
      acknowledged += verdict.acknowledged;
      lost += verdict.lost.length + reports[i].abandoned.length;
      duplicated += verdict.duplicated.length;
      gaps += verdict.gaps.length;
      // What the visitor's client holds, live or by resync, against what is stored.
      const seen = clients[i].received.get(v.conversationId)!;
      unseen += stored.filter((m) => !seen.has(m.seq)).length;
      for (const [k, n] of Object.entries(failureOutcomes(reports[i]))) outcomes[k] = (outcomes[k] ?? 0) + n;
    }
    console.log(
      figuresLine('kill-9-node', {
        acknowledged,
        lost,
        duplicated,
        seqGaps: gaps,
        unseenByClients: unseen,
        '503': outcomes['503'] ?? 0,
        other: JSON.stringify(outcomes),
        agentFailures,
        recoveryMs,
      }),
    );
    expect(b.alive()).toBe(true);
    expect({ lost, duplicated, gaps, unseen, agentFailures }).toEqual({
      lost: 0,
      duplicated: 0,
      gaps: 0,
      unseen: 0,
      agentFailures: 0,
    });
    // A dead node refuses connections (the balancer moves on) or drops them mid-request: never a 500.
    expect(Object.keys(outcomes).filter((k) => k !== 'network' && k !== '503')).toEqual([]);
  });
});
