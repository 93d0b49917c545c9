import { sql, type SQL } from 'drizzle-orm';

/**
 * Turns "$1 … $n" statement text and its parameters into a Drizzle SQL object, so a prepared
 * statement's text can also run inside a Drizzle transaction (which has no named statements).
 */
export function positionalSql(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)));
}
