import { DrizzleQueryError } from 'drizzle-orm';
import { DatabaseError } from 'pg';

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes (Drizzle wraps the driver error in `cause`), a few levels deep. */
function* causes(err: unknown): Generator<DriverError> {
  let e = err as DriverError | null | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    yield e;
    e = e.cause as DriverError | undefined;
  }
}

/** True for PostgreSQL's unique_violation on `constraint`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (const e of causes(err)) if (e.code === '23505') return e.constraint === constraint;
  return false;
}

/** The SQLSTATE of a database error, also when wrapped. */
export function sqlStateOf(err: unknown): string | undefined {
  for (const e of causes(err)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

// Socket errors of a connection to the database that is refused, cut or unreachable.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// node-postgres and pg-pool raise these without a code when the connection dies or none is free in time.
const DRIVER_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /is not queryable$/, // a client that already saw a connection error, or was closed
  /^timeout exceeded when trying to connect$/, // the pool's connectionTimeoutMillis
];

/** Errors the database layer raised outside a Drizzle query: a pool's connect, a prepared statement. */
const fromDatabaseLayer = new WeakSet<object>();

/** Marks `err` as raised by the database layer (see isDatabaseUnavailable) and returns it. */
export function databaseLayerError(err: unknown): unknown {
  if (err && typeof err === 'object') fromDatabaseLayer.add(err);
  return err;
}

/**
 * Whether the error came from the database: a Drizzle query, the server's own error (pg's
 * DatabaseError) or the database layer (a pool connect, a prepared statement). A socket error from
 * anywhere else (Redis, an outbound call) is not the database being away.
 */
function fromDatabase(err: unknown): boolean {
  for (const e of causes(err)) {
    if (e instanceof DrizzleQueryError || e instanceof DatabaseError || fromDatabaseLayer.has(e)) return true;
  }
  return false;
}

/**
 * True when the database is away rather than the request wrong: connection errors, SQLSTATE class
 * 08 (connection exception), 57P01–57P05 (shutdown, crash, starting up, idle timeouts) and 53300
 * (too many connections), raised by the database (see fromDatabase). These are worth a retry a
 * moment later.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!fromDatabase(err)) return false;
  for (const e of causes(err)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (
      code &&
      (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0\d$/.test(code) || code === '53300')
    )
      return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (!code && DRIVER_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}
