import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { backendsCpuMeter } from './proc';

/** Admin connection; override with BENCH_PG_URL. Only loopback hosts are accepted. */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`benchmarks only target 127.0.0.1, not ${host}`);
}

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  assertLoopback(ADMIN_URL);
  const c = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Databases created by this process, dropped by dropAllDatabases() on the way out. */
const created = new Set<string>();

export async function createDatabase(prefix = 'spectre_bench'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}"`));
  created.add(name);
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
  created.delete(name);
}

export async function dropAllDatabases(): Promise<void> {
  for (const name of [...created]) {
    await dropDatabase(name).catch((err: Error) =>
      process.stderr.write(`could not drop ${name}: ${err.message}\n`),
    );
  }
}

export async function postgresVersion(): Promise<string> {
  return admin(
    async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0].v,
  );
}

/** A short-lived client on a bench database, for seeding and EXPLAIN. */
export async function connect(url: string): Promise<Client> {
  assertLoopback(url);
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  return c;
}

/** The cluster's WAL insert position, for WAL bytes written between two readings (pg_wal_lsn_diff). */
export async function walLsn(): Promise<string> {
  return admin(async (c) => (await c.query<{ l: string }>('select pg_current_wal_lsn() as l')).rows[0].l);
}

export async function walBytesSince(lsn: string): Promise<number> {
  return admin(async (c) =>
    Number(
      (await c.query<{ d: string }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as d', [lsn])).rows[0]
        .d,
    ),
  );
}

/**
 * Starts counting the CPU of the PostgreSQL backends connected to one database (the pools of the
 * processes under test, once they are warm); the returned function gives the ms used since.
 */
export async function databaseCpuMeter(database: string): Promise<() => number> {
  const pids = await admin(async (c) =>
    (
      await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database])
    ).rows.map((r) => r.pid),
  );
  return backendsCpuMeter(pids);
}
