import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { asPostgresUser, freePort, onExitCleanup, run, runsAsRoot, spawnSync, waitUntil } from './processes';

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, its own port), so a
 * fault test can stop, restart and terminate it without touching the shared server.
 */
export interface PrivatePostgres {
  port: number;
  dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open sessions are terminated, the port refuses connections. */
  stop(): Promise<void>;
  /** `pg_ctl restart -m fast`. */
  restart(): Promise<void>;
  /** pg_terminate_backend on every session of `database` (other than the caller's); how many. */
  terminateBackends(database?: string, where?: string): Promise<number>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[], database?: string): Promise<T[]>;
  createDatabase(name: string): Promise<string>;
  /** Stops the cluster (immediately) and removes its directory. */
  cleanup(): Promise<void>;
}

const PG_BIN = process.env.PG_BIN ?? '';
const bin = (name: string): string => (PG_BIN ? join(PG_BIN, name) : name);

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spectre-fault-pg-'));
  if (runsAsRoot()) {
    const { uid, gid } = postgresIds();
    chownSync(dataDir, uid, gid);
  }
  const port = await freePort();
  const pgCtl = (...args: string[]) => run(...asPostgresUser(bin('pg_ctl'), ['-D', dataDir, ...args]));
  await run(
    ...asPostgresUser(bin('initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]),
  );
  // Durability is not under test; fsync off keeps restarts and the suite fast.
  const options = [
    `-p ${port}`,
    `-k ${dataDir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const ready = () =>
    waitUntil(
      'the private PostgreSQL to accept connections',
      () => query('select 1').then(() => true),
      15_000,
    );

  async function query<T>(text: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new Client({ connectionString: url(database), connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  const forget = onExitCleanup(() => {
    spawnSync(...asPostgresUser(bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const pg: PrivatePostgres = {
    port,
    dataDir,
    url,
    async start() {
      await pgCtl('-o', options, '-l', join(dataDir, 'server.log'), '-w', 'start');
      await ready();
    },
    async stop() {
      await pgCtl('-m', 'fast', '-w', 'stop');
    },
    async restart() {
      await pgCtl('-m', 'fast', '-w', 'restart');
      await ready();
    },
    async terminateBackends(database = 'postgres', where = 'true') {
      const rows = await query<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid() and (${where})`,
        [database],
      );
      return rows[0].n;
    },
    query,
    async createDatabase(name) {
      await query(`create database ${name}`);
      return url(name);
    },
    async cleanup() {
      await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
      forget();
    },
  };
  try {
    await pg.start();
  } catch (err) {
    await pg.cleanup();
    throw err;
  }
  return pg;
}

function postgresIds(): { uid: number; gid: number } {
  const out = spawnSync('id', ['postgres'], { encoding: 'utf8' }).stdout;
  const uid = /uid=(\d+)/.exec(out)?.[1];
  const gid = /gid=(\d+)/.exec(out)?.[1];
  if (!uid || !gid) throw new Error('running as root needs a `postgres` OS user to run PostgreSQL');
  return { uid: Number(uid), gid: Number(gid) };
}
