import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import type { Db } from '../../src/db/database';
import type { TestApp } from './test-app';

/** Row count of a table in the app's database (optionally filtered by a trusted SQL condition). */
export async function countRows(t: TestApp, table: string, where?: string): Promise<number> {
  const res = await t.database.db.execute(
    sql.raw(`select count(*)::int as n from ${table}${where ? ` where ${where}` : ''}`),
  );
  return Number((res as unknown as { rows: { n: number }[] }).rows[0].n);
}

/** A PostgreSQL session holding row locks until release() commits it (see holdRowLock). */
export interface HeldLock {
  /** Runs more SQL in the locking transaction (e.g. the competing change). */
  query(text: string, params?: unknown[]): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes row locks (`lockSql` is a SELECT … FOR UPDATE) from a separate PostgreSQL session, so that
 * requests sent meanwhile queue on them with snapshots taken before the competing commit: the race
 * window of concurrent writes, made wide and deterministic. A no-op on PGlite (one connection).
 */
export async function holdRowLock(
  t: Pick<TestApp, 'databaseUrl'>,
  lockSql: string,
  params: unknown[],
): Promise<HeldLock> {
  if (!t.databaseUrl) return { query: async () => undefined, release: async () => undefined };
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query(lockSql, params);
  return {
    query: async (text, values) => void (await client.query(text, values)),
    release: async () => {
      await client.query('commit');
      await client.end();
    },
  };
}

/** Holds a conversation's row lock until the returned function is called (see holdRowLock). */
export async function lockConversation(
  t: Pick<TestApp, 'databaseUrl'>,
  conversationId: string,
): Promise<() => Promise<void>> {
  const held = await holdRowLock(t, 'select 1 from conversations where id = $1 for update', [conversationId]);
  return held.release;
}

/** Resolves once `n` sessions of the database wait on a lock (a row held by holdRowLock); 2 s at most. */
export async function waitForLockWaiters(db: Db, n: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await db.execute(
      sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((res as unknown as { rows: { n: number }[] }).rows[0].n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${n} sessions queued on the lock`);
}
