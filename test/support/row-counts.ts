import { sql } from 'drizzle-orm';
import type { TestApp } from './test-app';

type Rows<T> = { rows: T[] };

/**
 * The dispatcher deletes outbox rows and jobs take leases in the background: the outbox is measured
 * by the rows ever inserted (its id sequence), and job leases are not a request's doing. Nor are the
 * rows the notifications consumer writes from outbox events, later (queued mails, continuity checks).
 */
const BACKGROUND = new Set(['job_leases', 'mail_queue', 'continuity_mail']);

const measure = (table: string): string | undefined => {
  if (BACKGROUND.has(table)) return undefined;
  if (table === 'outbox')
    return `select 'outbox inserts' as t, (select case when is_called then last_value else 0 end from outbox_id_seq)::int as n`;
  return `select '${table}' as t, count(*)::int as n from "${table}"`;
};

/** Row count of every table in the public schema, in one query: `{ users: 3, teams: 2, ... }`. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = (await t.database.db.execute(
    sql.raw(`select tablename from pg_tables where schemaname = 'public' order by tablename`),
  )) as unknown as Rows<{ tablename: string }>;
  const union = tables.rows
    .map(({ tablename }) => measure(tablename))
    .filter(Boolean)
    .join(' union all ');
  const counts = (await t.database.db.execute(sql.raw(union))) as unknown as Rows<{ t: string; n: number }>;
  return Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)]));
}
