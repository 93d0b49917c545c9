import { sql } from 'drizzle-orm';
import type { TestApp } from './test-app';

type Rows<T> = { rows: T[] };

/** Row count of every table in the public schema, in one query: `{ users: 3, teams: 2, ... }`. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = (await t.database.db.execute(
    sql.raw(`select tablename from pg_tables where schemaname = 'public' order by tablename`),
  )) as unknown as Rows<{ tablename: string }>;
  const union = tables.rows
    .map(({ tablename }) => `select '${tablename}' as t, count(*)::int as n from "${tablename}"`)
    .join(' union all ');
  const counts = (await t.database.db.execute(sql.raw(union))) as unknown as Rows<{ t: string; n: number }>;
  return Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)]));
}
