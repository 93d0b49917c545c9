import { sql } from 'drizzle-orm';
import type { TestApp } from './test-app';

/** Row count of a table in the app's database (optionally filtered by a trusted SQL condition). */
export async function countRows(t: TestApp, table: string, where?: string): Promise<number> {
  const res = await t.database.db.execute(
    sql.raw(`select count(*)::int as n from ${table}${where ? ` where ${where}` : ''}`),
  );
  return Number((res as unknown as { rows: { n: number }[] }).rows[0].n);
}
