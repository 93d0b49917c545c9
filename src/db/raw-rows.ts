/** The rows of a raw `db.execute` (both drivers answer `{ rows }`), snake_case as PostgreSQL names them. */
export const rowsOf = (result: unknown): Record<string, unknown>[] =>
  (result as { rows: Record<string, unknown>[] }).rows;
