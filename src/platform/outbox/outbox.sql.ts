import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { rowsOf } from '../../db/raw-rows';

type Row = Record<string, unknown>;

/**
 * Runs `write` (an INSERT/UPDATE … RETURNING) and, in the same statement, inserts one outbox row
 * per returned row (or per row matching `where`): both commit or neither does, with or without a
 * surrounding transaction. `type`, `payload` and `where` are SQL over the returned row, named `w`
 * (e.g. jsonb_build_object('conversation', to_jsonb(w))). Returns the written rows raw (snake_case):
 * map them with the feature's fromRow.
 */
export async function writeWithOutbox(
  db: Db,
  write: { getSQL(): SQL },
  type: string | SQL,
  payload: SQL,
  where?: SQL,
): Promise<Row[]> {
  // getSQL(): a query builder itself would be embedded as a parenthesised subquery, which DML cannot be.
  const result = await db.execute(sql`with w as (${write.getSQL()}),
    o as (insert into outbox (type, payload) select ${type}, ${payload} from w${where ? sql` where ${where}` : sql``})
    select * from w`);
  return rowsOf(result);
}
