import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { Client } from 'pg';
import { Transactions } from '../../src/db/transactions';
import { toAppError } from '../../src/platform/errors/error-envelope';
import { startMedium, type MediumApp } from '../support/medium';
import { usesPostgres } from '../support/test-app';

const rowsOf = (res: unknown) => (res as { rows: Record<string, unknown>[] }).rows;

describe(
  'database connections that die',
  { skip: !usesPostgres() && 'needs DATABASE_URL (PostgreSQL)' },
  () => {
    let app: MediumApp;
    let admin: Client;

    before(async () => {
      app = await startMedium({ driver: 'postgres' });
      admin = new Client({ connectionString: app.databaseUrl });
      await admin.connect();
    });
    after(async () => {
      await admin?.end();
      await app?.close();
    });

    /** Terminates a backend and waits until PostgreSQL has let it go (its client has seen the FATAL). */
    async function terminate(pid: number): Promise<void> {
      await admin.query('select pg_terminate_backend($1)', [pid]);
      for (let i = 0; i < 100; i++) {
        const { rowCount } = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
        if (rowCount === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    it('keeps the process up when a transaction’s backend is terminated between statements, and answers 503', async () => {
      // Without an error listener on the checked-out client, its 'error' event throws: the test process dies here.
      const transactions = app.get(Transactions);
      const failure = await transactions
        .run(async (tx) => {
          const pid = Number(rowsOf(await tx.execute(sql`select pg_backend_pid() as pid`))[0].pid);
          await terminate(pid);
          await tx.execute(sql`select 1`);
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(toAppError(failure)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });

      // The dead client went back to the pool and was dropped: the next transaction gets a live one.
      const after = await transactions.run(async (tx) => rowsOf(await tx.execute(sql`select 1 as one`)));
      expect(after).toEqual([{ one: 1 }]);
    });

    it('answers 503 for a statement whose backend is terminated while it runs', async () => {
      const running = app.db.execute(sql`select pg_sleep(5)`).then(
        () => undefined,
        (err: unknown) => err,
      );
      let pid: number | undefined;
      for (let i = 0; i < 100 && pid === undefined; i++) {
        const { rows } = await admin.query(
          "select pid from pg_stat_activity where datname = current_database() and query like 'select pg_sleep%'",
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await admin.query('select pg_terminate_backend($1)', [pid]);
      expect(toAppError(await running)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    });
  },
);
