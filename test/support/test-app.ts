import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { parseEnv, type AppConfig } from '../../src/config/env.schema';
import { DATABASE } from '../../src/db/database.module';
import type { Database } from '../../src/db/database';
import { TEST_ENV } from './test-env';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** http://127.0.0.1:<port> of the listening server. */
  url: string;
  database: Database;
  /** The database URL this app uses (undefined on PGlite). */
  databaseUrl?: string;
  close(): Promise<void>;
}

export interface TestDatabase {
  url?: string;
  drop(): Promise<void>;
}

/** Driver for the suite: PostgreSQL when DATABASE_URL is set (CI), PGlite otherwise. */
export const usesPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/** A fresh, empty PostgreSQL database next to DATABASE_URL's, so test files never share rows. */
export async function createTestDatabase(
  driver: 'postgres' | 'pglite' = usesPostgres() ? 'postgres' : 'pglite',
): Promise<TestDatabase> {
  if (driver === 'pglite') return { url: undefined, drop: async () => undefined };
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `spectre_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base.toString() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export { TEST_ENV } from './test-env';

/**
 * Boots the real application on a random port.
 * `database` lets several apps share one database (multi-node tests); otherwise a fresh one is made.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase; driver?: 'postgres' | 'pglite' } = {},
): Promise<TestApp> {
  const ownDatabase = !options.database;
  const testDb = options.database ?? (await createTestDatabase(options.driver));
  const config = parseEnv({
    ...TEST_ENV,
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...env,
    PORT: '0',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    database: app.get<Database>(DATABASE),
    databaseUrl: testDb.url,
    async close() {
      await app.close();
      if (ownDatabase) await testDb.drop();
    },
  };
}
