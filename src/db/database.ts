import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { Pool, type PoolClient } from 'pg';
import { databaseLayerError } from './pg-errors';
import * as schema from './schema';

/** The Drizzle handle both drivers share; repositories depend on this type only. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A hot-path statement with $1…$n parameters, prepared once per connection under `name`. */
export interface PreparedStatement {
  name: string;
  text: string;
}

export interface Database {
  db: Db;
  driver: 'postgres' | 'pglite';
  /**
   * Runs a named prepared statement. PostgreSQL then plans it once per connection instead of on
   * every call, which for a CTE like the message append is most of its cost. PGlite runs it as is.
   */
  prepared<T = Record<string, unknown>>(statement: PreparedStatement, params: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** The node-postgres pool's connections (PostgreSQL only). */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  poolSize?: number;
  /** PGlite data directory; "memory://" keeps it in memory. */
  dataDir: string;
}

// Resolves to <repo>/drizzle from both src/db and dist/db.
export const MIGRATIONS_FOLDER = resolve(__dirname, '../../drizzle');
// Serialises migrations when several nodes boot against one database at once.
const MIGRATION_LOCK_ID = 7_301_001;
const CONNECT_TIMEOUT_MS = 5000;

export function createDatabase(options: DatabaseOptions): Database {
  return options.databaseUrl
    ? createPostgres(options.databaseUrl, options.poolSize ?? 20)
    : createPglite(options.dataDir);
}

/** Rethrows what `work` rejects with as the database layer's error (see isDatabaseUnavailable). */
const ofDatabase = <T>(work: Promise<T>): Promise<T> =>
  work.catch((err: unknown) => {
    throw databaseLayerError(err);
  });

/**
 * A pool whose connect failures (refused, timed out) say they come from the database: Drizzle's
 * transactions connect outside its query wrapper. The callback form is pg-pool's own, for its queries.
 */
class DatabasePool extends Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: Parameters<Pool['connect']>[0]): void;
  override connect(callback?: Parameters<Pool['connect']>[0]): Promise<PoolClient> | void {
    if (callback) return super.connect(callback);
    return ofDatabase(super.connect());
  }
}

function createPostgres(url: string, max: number): Database {
  // Without a connect timeout a request waits for ever for a connection while the database is away;
  // with it, it fails (503, retry) once the wait exceeds what a client would sit through.
  const pool = new DatabasePool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection's error (the server restarting, a backend terminated) must not crash the process.
  // The pool listens only while a client is idle; a client checked out (a transaction between two
  // statements) would emit 'error' with no listener, which throws. Its pending and next queries
  // reject on their own, and the pool drops it on release, as it does an idle one.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    async prepared<T>(statement: PreparedStatement, params: unknown[]) {
      const query = pool.query({ name: statement.name, text: statement.text, values: params });
      const result = await ofDatabase(query);
      return result.rows as T[];
    },
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await ofDatabase(pool.query('select 1'));
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await pool.end();
    },
  };
}

function createPglite(dataDir: string): Database {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the visitor search's trigram index (migration *_search_extra), as on PostgreSQL.
  const client = new PGlite({ dataDir: inMemory ? undefined : dataDir, extensions: { pg_trgm } });
  const pglite = drizzlePglite(client, { schema });
  return {
    db: pglite as unknown as Db,
    driver: 'pglite',
    async prepared<T>(statement: PreparedStatement, params: unknown[]) {
      return (await ofDatabase(client.query<T>(statement.text, params))).rows;
    },
    async migrate() {
      await migratePglite(pglite, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async ping() {
      await pglite.execute(sql`select 1`);
    },
    async close() {
      await client.close();
    },
  };
}
