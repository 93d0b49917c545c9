import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import type { TestApp } from './test-app';

/** Row count of a table in the app's database (optionally filtered by a trusted SQL condition). */
export async function countRows(t: TestApp, table: string, where?: string): Promise<number> {
  const res = await t.database.db.execute(
    sql.raw(`select count(*)::int as n from ${table}${where ? ` where ${where}` : ''}`),
  );
  return Number((res as unknown as { rows: { n: number }[] }).rows[0].n);
}

/**
 * Holds a row lock on a conversation from a separate PostgreSQL session until `release()`, so that
 * requests sent meanwhile queue on it with snapshots taken before each other's commits (the race
 * window of concurrent sends, made wide and deterministic). A no-op on PGlite (one connection).
 */
export async function lockConversation(t: TestApp, conversationId: string): Promise<() => Promise<void>> {
  if (!t.databaseUrl) return async () => undefined;
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  await client.query('begin');
  await client.query('select 1 from conversations where id = $1 for update', [conversationId]);
  return async () => {
    await client.query('commit');
    await client.end();
  };
}
