import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { parseEnv, type AppConfig } from '../../src/config/env.schema';
import type { Database, Db } from '../../src/db/database';
import { DATABASE } from '../../src/db/tokens';
import { JobRunner } from '../../src/platform/jobs/job-runner.service';
import { createTestDatabase, TEST_ENV } from './test-app';

/**
 * The application's module graph without HTTP or Socket.IO: services, repositories and the real
 * database, called directly. Gateways are built but never bound to a server (no adapter), so they
 * deliver to nobody and open nothing.
 */
export interface MediumApp {
  config: AppConfig;
  /** A provider by class or injection token, as the application resolves it. */
  get<T>(token: Type<T> | string | symbol): T;
  db: Db;
  database: Database;
  /** The PostgreSQL database's URL (undefined on PGlite). */
  databaseUrl?: string;
  close(): Promise<void>;
}

export interface MediumOptions {
  /** Environment on top of TEST_ENV. */
  env?: Record<string, string>;
  /**
   * 'pglite' (default): in memory, one connection, fast. 'postgres': a fresh database next to
   * DATABASE_URL's, for what needs real concurrency (row locks, several connections).
   */
  driver?: 'pglite' | 'postgres';
}

export async function startMedium(options: MediumOptions = {}): Promise<MediumApp> {
  const testDb = await createTestDatabase(options.driver ?? 'pglite');
  const config = parseEnv({
    ...TEST_ENV,
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...options.env,
  });
  let context: INestApplicationContext;
  try {
    context = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
  } catch (err) {
    await testDb.drop();
    throw err;
  }
  // Background jobs (outbox polls, sweeps) would run queries of their own in the middle of a test's
  // (and of its SQL recordings): tests call the jobs' work directly instead.
  await context.get(JobRunner).stop();
  const database = context.get<Database>(DATABASE);
  return {
    config,
    get: <T>(token: Type<T> | string | symbol) => context.get<T>(token, { strict: false }),
    db: database.db,
    database,
    databaseUrl: testDb.url,
    async close() {
      // Runs the shutdown hooks: the outbox dispatcher stops, the database (pool or PGlite) closes.
      await context.close();
      await testDb.drop();
    },
  };
}
