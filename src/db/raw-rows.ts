/** The rows of a raw `db.execute` (both drivers answer `{ rows }`), snake_case as PostgreSQL names them. */
export const rowsOf = (result: unknown): Record<string, unknown>[] =>
  (result as { rows: Record<string, unknown>[] }).rows;

/** A json/jsonb column of a raw row: node-postgres and PGlite parse it, a driver that does not gives its text. */
export const jsonOf = <T = Record<string, unknown>>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
