/** True for PostgreSQL's unique_violation on `constraint` (Drizzle wraps the driver error in `cause`). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (
    let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as never
  ) {
    if (e.code === '23505') return e.constraint === constraint;
  }
  return false;
}
