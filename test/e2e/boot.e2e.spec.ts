import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { registerAccount } from '../factories/accounts';
import { httpClient } from '../support/http';
import {
  freePort,
  ROOT,
  spawnServer,
  stopServer,
  waitForHealth,
  type ServerProcess,
} from '../support/server-process';
import { createTestDatabase, usesPostgres, type TestDatabase } from '../support/test-app';
import { createDatabase } from '../../src/db/database';
import { pendingMigrations } from '../../src/db/migrations';

const JWT_SECRET = 'boot-test-secret-that-is-long-enough-for-hs256';
const PASSWORD = 'boot-test-db-password-xyz';
const MIGRATIONS: string[] = (
  JSON.parse(readFileSync(join(ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }
).entries.map((e) => e.tag);

/** A fresh database for a spawned server: PostgreSQL (its URL with a password) in CI, else a PGlite directory. */
async function freshDatabase(): Promise<{
  env: Record<string, string>;
  drop(): Promise<void>;
  testDb?: TestDatabase;
}> {
  if (usesPostgres()) {
    const testDb = await createTestDatabase('postgres');
    // The test server trusts local connections, so the password is carried but never checked.
    const url = new URL(testDb.url as string);
    url.password = PASSWORD;
    return { env: { DATABASE_URL: url.toString() }, drop: testDb.drop, testDb };
  }
  const dir = mkdtempSync(join(tmpdir(), 'spectre-boot-'));
  return { env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Applies the migrations from this process (PGlite is closed again before a server opens it). */
async function migrate(env: Record<string, string>): Promise<void> {
  const database = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? 'memory://' });
  await database.migrate();
  await database.close();
}

/** The boot summary: the one pino line whose message starts with the product's name. */
function summaryOf(server: ServerProcess): {
  msg: string;
  database: string;
  redis: string;
  urls: Record<string, string>;
} {
  const lines = server
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg: string })
    .filter((l) => l.msg.startsWith('Spectre Chat Server on'));
  expect(lines).toHaveLength(1);
  return lines[0] as never;
}

describe('boot', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function boot(env: Record<string, string>): Promise<{ server: ServerProcess; url: string }> {
    const port = await freePort();
    const server = spawnServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      JWT_SECRET,
      ...env,
    });
    cleanups.push(() => stopServer(server));
    return { server, url: `http://127.0.0.1:${port}` };
  }

  it('refuses to start with MIGRATE_ON_BOOT=false while migrations are pending, naming them', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const { server, url } = await boot({ ...db.env, MIGRATE_ON_BOOT: 'false' });
    // It exits before listening; a server that answers /health instead fails the test.
    const served = waitForHealth(url, server).then(
      () => 'served',
      () => 'never served',
    );
    expect(await Promise.race([server.exit, served])).toBe(1);
    const lastLine = server.stderr().trim().split('\n').at(-1);
    expect(lastLine).toBe(
      `The database lacks ${MIGRATIONS.length} migration(s) this version needs: ${MIGRATIONS.join(', ')}. ` +
        'Run `npm run db:migrate` (or set MIGRATE_ON_BOOT=true), then start again.',
    );
    expect(server.stdout()).not.toContain('Spectre Chat Server on');
  });

  it('names only the migrations the database lacks', async () => {
    const database = createDatabase({ dataDir: 'memory://' });
    try {
      await database.migrate();
      expect(await pendingMigrations(database.db)).toEqual([]);
      await database.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
      expect(await pendingMigrations(database.db)).toEqual([MIGRATIONS.at(-1)]);
    } finally {
      await database.close();
    }
  });

  it('starts on a migrated database with MIGRATE_ON_BOOT=false and logs one summary line, without the password', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    await migrate(db.env);
    const { server, url } = await boot({ ...db.env, MIGRATE_ON_BOOT: 'false' });
    expect((await waitForHealth(url, server)).status).toBe(200);
    await registerAccount(httpClient(url)); // 201: the schema is there
    const summary = summaryOf(server);
    const dbName = db.env.DATABASE_URL ? new URL(db.env.DATABASE_URL).pathname.slice(1) : undefined;
    expect(summary.database).toBe(
      dbName ? `PostgreSQL 127.0.0.1:5432/${dbName}` : `PGlite in ${resolve(db.env.DATA_DIR)}`,
    );
    expect(summary.redis).toBe('off');
    expect(summary.urls).toEqual({ console: `${url}/app`, docs: `${url}/docs`, health: `${url}/health` });
    expect(summary.msg).toContain(summary.database);
    expect(server.stdout() + server.stderr()).not.toContain(PASSWORD);
    // The documented client versions: Engine.IO 3 (Socket.IO 2.x clients) is refused, 4 is served.
    const eio3 = await fetch(`${url}/socket.io/?EIO=3&transport=polling`);
    expect(eio3.status).toBe(400);
    expect(await eio3.json()).toEqual({ code: 5, message: 'Unsupported protocol version' });
    expect((await fetch(`${url}/socket.io/?EIO=4&transport=polling`)).status).toBe(200);
  });

  it('warns when production runs on the embedded database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spectre-boot-prod-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const { server, url } = await boot({ NODE_ENV: 'production', DATA_DIR: dataDir });
    await waitForHealth(url, server);
    expect(server.stdout()).toContain(
      `NODE_ENV=production without DATABASE_URL: running on the embedded PGlite database in ${dataDir}`,
    );
    expect(summaryOf(server).database).toBe(`PGlite in ${dataDir}`);
  });
});
