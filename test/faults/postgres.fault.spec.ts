import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { sleep } from './support/processes';
import { seedThroughApi, openVisitorSession, type FaultSeed } from './support/seed';
import { startServer, type ServerProcess } from './support/server-process';
import { steadySender, type SendReport } from './support/steady-sender';
import { compare, conversationHistory, failureOutcomes, figuresLine } from './support/verify';

const RATE = 20;

/** Per outage: ms from the database being back to the first send answered 201 after it. */
function recoveries(report: SendReport, backAt: number[]): number[] {
  return backAt.map((at) => {
    const first = report.attempts.find((a) => a.at >= at && (a.outcome === 201 || a.outcome === 200));
    return first ? first.at - at : Infinity;
  });
}

/** The outcomes other than acknowledgements must all be 503 SERVICE_UNAVAILABLE with Retry-After. */
function expectOnly503s(report: SendReport): void {
  expect(Object.keys(failureOutcomes(report)).filter((k) => k !== '503')).toEqual([]);
  const bad = report.attempts.filter(
    (a) => a.outcome === 503 && (a.code !== 'SERVICE_UNAVAILABLE' || a.retryAfter === null),
  );
  expect(bad).toEqual([]);
}

describe('PostgreSQL faults under steady sends', () => {
  let pg: PrivatePostgres;
  let server: ServerProcess;
  let seed: FaultSeed;

  before(async () => {
    pg = await startPrivatePostgres();
    server = await startServer({ env: { DATABASE_URL: pg.url() } });
    seed = await seedThroughApi(server.url);
  });
  after(async () => {
    await server?.stop();
    await pg?.cleanup();
  });

  async function verifyConversation(report: SendReport) {
    const stored = await conversationHistory(
      server.url,
      seed.project.publicKey,
      seed.visitorToken,
      seed.conversationId,
    );
    return compare(report.acknowledged, stored);
  }

  async function underSends(fault: () => Promise<number[]>) {
    const sender = steadySender(
      {
        baseUrl: () => server.url,
        projectKey: seed.project.publicKey,
        visitorToken: seed.visitorToken,
        conversationId: seed.conversationId,
      },
      { perSecond: RATE, giveUpAfterMs: 20_000 },
    );
    sender.start();
    await sleep(1000);
    const backAt = await fault();
    await sleep(2500);
    const report = await sender.stop();
    return { report, backAt, verdict: await verifyConversation(report) };
  }

  function expectClean(name: string, run: Awaited<ReturnType<typeof underSends>>) {
    const { report, backAt, verdict } = run;
    const recovery = recoveries(report, backAt);
    console.log(
      figuresLine(name, {
        started: report.started,
        acknowledged: verdict.acknowledged,
        lost: verdict.lost.length,
        duplicated: verdict.duplicated.length,
        seqGaps: verdict.gaps.length,
        abandoned: report.abandoned.length,
        '503': report.outcomes['503'] ?? 0,
        other: JSON.stringify(failureOutcomes(report)),
        recoveryMsMax: Math.max(...recovery),
      }),
    );
    expect(server.alive()).toBe(true);
    expect({ lost: verdict.lost, duplicated: verdict.duplicated, gaps: verdict.gaps }).toEqual({
      lost: [],
      duplicated: [],
      gaps: [],
    });
    expect(report.abandoned).toEqual([]);
    expect(verdict.acknowledged).toBe(report.started);
    expectOnly503s(report);
    for (const ms of recovery) expect(ms).toBeLessThan(2000);
  }

  it('loses, duplicates and skips nothing while PostgreSQL restarts 5 times (pg_ctl restart -m fast)', async () => {
    const run = await underSends(async () => {
      const backAt: number[] = [];
      for (let i = 0; i < 5; i++) {
        await pg.restart();
        backAt.push(Date.now());
        await sleep(800);
      }
      return backAt;
    });
    expectClean('postgres-restart-x5', run);
  });

  it('answers only 503 while PostgreSQL is stopped for 8 s, and sends succeed within 2 s of its return', async () => {
    const run = await underSends(async () => {
      await pg.stop();
      await sleep(8000);
      await pg.start();
      return [Date.now()];
    });
    expect(run.report.outcomes['503']).toBeGreaterThan(0);
    expectClean('postgres-stopped-8s', run);
  });

  it('stays up while backends are terminated under new-conversation sends (the transaction path)', async () => {
    const visitorToken = await openVisitorSession(server.url, seed.project.publicKey);
    // No conversationId: every send opens a conversation inside db.transaction.
    const sender = steadySender(
      { baseUrl: () => server.url, projectKey: seed.project.publicKey, visitorToken },
      { perSecond: RATE, giveUpAfterMs: 20_000 },
    );
    sender.start();
    let terminated = 0;
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      terminated += await pg.terminateBackends('postgres', "backend_type = 'client backend'");
      await sleep(100);
    }
    await sleep(1500);
    const report = await sender.stop();
    expect(server.alive()).toBe(true);

    // Each acknowledged first message is seq 1 of its own conversation, stored once.
    const conversations = new Set(report.acknowledged.map((a) => a.conversationId));
    let lost = 0;
    let duplicated = 0;
    for (const conversationId of conversations) {
      const stored = await conversationHistory(
        server.url,
        seed.project.publicKey,
        visitorToken,
        conversationId,
      );
      const verdict = compare(
        report.acknowledged.filter((a) => a.conversationId === conversationId),
        stored,
      );
      lost += verdict.lost.length;
      duplicated += verdict.duplicated.length + Math.max(0, stored.length - 1);
    }
    console.log(
      figuresLine('postgres-terminate-backends', {
        terminated,
        started: report.started,
        acknowledged: report.acknowledged.length,
        conversations: conversations.size,
        lost,
        duplicated,
        abandoned: report.abandoned.length,
        '503': report.outcomes['503'] ?? 0,
        other: JSON.stringify(failureOutcomes(report)),
      }),
    );
    expect(terminated).toBeGreaterThan(10);
    expect({ lost, duplicated, abandoned: report.abandoned.length }).toEqual({
      lost: 0,
      duplicated: 0,
      abandoned: 0,
    });
    expect(conversations.size).toBe(report.acknowledged.length);
    expectOnly503s(report);
  });
});
