import { after, afterEach, before, describe, it } from 'node:test';
import type { LoggerService } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-app';
import { createDatabase, type Database } from '../../db/database';
import { leaseMs, type Job, type JobScope } from './job';
import { JobLeasesRepository } from './job-leases.repository';
import { JobRunner } from './job-runner.service';

// Long enough that two ticks meant to land within one lease do so on a loaded CI machine.
const CLUSTER_MS = 400;
const NODE_MS = 50;

/** Polls `probe` until `done` accepts its value, failing after `timeoutMs`. */
async function until<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms (last: ${String(value)})`);
    await pause(10);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger(): LoggerService & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    log: () => undefined,
    error: () => undefined,
    warn: (m: unknown) => warnings.push(String(m)),
  };
}

/** A job body that counts its runs. */
function countingJob(name: string, scope: JobScope, everyMs: number): Job & { runs: number } {
  const job = { name, scope, everyMs, runs: 0, run: async () => void job.runs++ };
  return job;
}

/** Two application nodes' worth of database: one shared PGlite, or two PostgreSQL pools. */
interface Nodes {
  a: Database;
  b: Database;
  close(): Promise<void>;
}

async function pgliteNodes(): Promise<Nodes> {
  const shared = createDatabase({ dataDir: 'memory://' });
  await shared.migrate();
  return { a: shared, b: shared, close: () => shared.close() };
}

async function postgresNodes(): Promise<Nodes> {
  const testDb: TestDatabase = await createTestDatabase('postgres');
  const [a, b] = [1, 2].map(() =>
    createDatabase({ databaseUrl: testDb.url, poolSize: 2, dataDir: 'memory://' }),
  );
  await a.migrate();
  return {
    a,
    b,
    async close() {
      await Promise.all([a.close(), b.close()]);
      await testDb.drop();
    },
  };
}

for (const [driver, connect] of [
  ['PGlite', pgliteNodes],
  ['PostgreSQL', postgresNodes],
] as const) {
  describe(`JobRunner on ${driver}`, () => {
    let nodes: Nodes;
    const runners: JobRunner[] = [];
    const runnerOn = (database: Database, logger: LoggerService = recordingLogger()) => {
      const runner = new JobRunner(new JobLeasesRepository(database.db), logger);
      runners.push(runner);
      return runner;
    };
    let jobCount = 0;
    // The lease table outlives each test: every test's jobs get names of their own.
    const uniqueName = (label: string) => `${label}-${++jobCount}`;

    before(async () => {
      nodes = await connect();
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    });
    after(async () => {
      await nodes.close();
    });

    const leaseExpired = async (name: string) => {
      const result = await nodes.a.db.execute(
        sql`select locked_until <= now() as expired from job_leases where name = ${name}`,
      );
      return (result as unknown as { rows: { expired: boolean }[] }).rows[0]?.expired === true;
    };

    it('runs a cluster job once per interval: within it, the lease is held', async () => {
      const runner = runnerOn(nodes.a);
      const job = countingJob(uniqueName('sweep'), 'cluster', CLUSTER_MS);
      runner.register(job);

      const firstTick = Date.now();
      expect(await runner.tick(job.name)).toBe('ran');
      expect(await runner.tick(job.name)).toBe('lease-held');
      await until(
        () => runner.tick(job.name),
        (outcome) => outcome === 'ran',
      );
      expect(Date.now() - firstTick).toBeGreaterThanOrEqual(leaseMs(CLUSTER_MS));
      expect(job.runs).toBe(2);
    });

    it('of two nodes ticking a cluster job at once, exactly one runs it', async () => {
      const job = countingJob(uniqueName('sweep'), 'cluster', CLUSTER_MS);
      const [a, b] = [runnerOn(nodes.a), runnerOn(nodes.b)];
      a.register(job);
      b.register(job);

      // First round: both insert the lease row; later rounds: both update an expired one.
      for (let round = 1; round <= 3; round++) {
        const outcomes = await Promise.all([a.tick(job.name), b.tick(job.name)]);
        expect(outcomes.sort()).toEqual(['lease-held', 'ran']);
        expect(job.runs).toBe(round);
        await until(
          () => leaseExpired(job.name),
          (expired) => expired,
        );
      }
    });

    it('on their timers, two nodes run a cluster job about once per interval between them', async () => {
      const job = countingJob(uniqueName('sweep'), 'cluster', CLUSTER_MS);
      const [a, b] = [runnerOn(nodes.a), runnerOn(nodes.b)];
      a.register(job);
      b.register(job);

      const started = Date.now();
      a.start();
      b.start();
      await until(
        () => job.runs,
        (runs) => runs >= 3,
      );
      await Promise.all([a.stop(), b.stop()]);
      // Each run took the lease, and the database grants it once per lease time at most.
      expect(job.runs).toBeLessThanOrEqual(Math.floor((Date.now() - started) / leaseMs(CLUSTER_MS)) + 1);
    });

    it('runs a node job on every node', async () => {
      const name = uniqueName('heartbeat');
      const [onA, onB] = [countingJob(name, 'node', NODE_MS), countingJob(name, 'node', NODE_MS)];
      const [a, b] = [runnerOn(nodes.a), runnerOn(nodes.b)];
      a.register(onA);
      b.register(onB);

      expect(await Promise.all([a.tick(name), b.tick(name)])).toEqual(['ran', 'ran']);
      a.start();
      b.start();
      await until(
        () => Math.min(onA.runs, onB.runs),
        (runs) => runs >= 3,
      );
    });

    for (const scope of ['node', 'cluster'] as const) {
      it(`logs a failing ${scope} job and runs it again on the next tick`, async () => {
        const logger = recordingLogger();
        const runner = runnerOn(nodes.a, logger);
        const name = uniqueName('flaky');
        let attempts = 0;
        runner.register({
          name,
          scope,
          everyMs: scope === 'node' ? NODE_MS : CLUSTER_MS,
          run: async () => {
            attempts++;
            throw new Error(`attempt ${attempts} broke`);
          },
        });

        expect(await runner.tick(name)).toBe('failed');
        runner.start();
        await until(
          () => attempts,
          (n) => n >= 3,
        );
        expect(logger.warnings.slice(0, 3)).toEqual([
          `Job ${name} failed: attempt 1 broke`,
          `Job ${name} failed: attempt 2 broke`,
          `Job ${name} failed: attempt 3 broke`,
        ]);
      });
    }

    it('never overlaps runs on one node: a tick while a run is going is skipped', async () => {
      const runner = runnerOn(nodes.a);
      const name = uniqueName('slow');
      let active = 0;
      let mostActive = 0;
      let finished = 0;
      runner.register({
        name,
        scope: 'node',
        everyMs: NODE_MS,
        run: async () => {
          mostActive = Math.max(mostActive, ++active);
          await pause(NODE_MS * 3);
          active--;
          finished++;
        },
      });

      const first = runner.tick(name);
      expect(await runner.tick(name)).toBe('busy');
      expect(await first).toBe('ran');
      runner.start();
      await until(
        () => finished,
        (n) => n >= 2,
      );
      expect(mostActive).toBe(1);
    });

    it('starts timers on start (bootstrap), and on stop (shutdown) waits for the run in progress', async () => {
      const runner = runnerOn(nodes.a);
      const name = uniqueName('lifecycle');
      let runs = 0;
      const releases: (() => void)[] = [];
      const releaseAll = () => releases.splice(0).forEach((release) => release());
      runner.register({
        name,
        scope: 'node',
        everyMs: NODE_MS,
        run: () => new Promise<void>((resolve) => void (runs++, releases.push(resolve))),
      });

      try {
        await pause(NODE_MS * 3);
        expect(runs).toBe(0);
        runner.onApplicationBootstrap();
        await until(
          () => runs,
          (n) => n === 1,
        );
        let stopped = false;
        const stopping = runner.beforeApplicationShutdown().then(() => (stopped = true));
        await pause(NODE_MS * 2);
        expect(stopped).toBe(false);
        releaseAll();
        await stopping;
        await pause(NODE_MS * 3);
        expect(runs).toBe(1);
      } finally {
        releaseAll();
      }
    });

    it('runNow runs the body once, lease or not, and throws its error', async () => {
      const [a, b] = [runnerOn(nodes.a), runnerOn(nodes.b)];
      const job = countingJob(uniqueName('sweep'), 'cluster', CLUSTER_MS);
      a.register(job);
      b.register({ ...job, run: async () => Promise.reject(new Error('nope')) });

      expect(await a.tick(job.name)).toBe('ran');
      await a.runNow(job.name);
      expect(job.runs).toBe(2);
      await expect(b.runNow(job.name)).rejects.toThrow('nope');
    });
  });
}
