import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { bootSummary, embeddedInProduction } from './boot-summary';
import { keepDevJwtSecret } from './config/dev-jwt-secret';
import { loadDotEnv } from './config/dotenv';
import { ConfigError, parseEnv, type AppConfig } from './config/env.schema';
import { PendingMigrationsError } from './db/migrations';

function loadConfig(): AppConfig {
  loadDotEnv();
  try {
    return parseEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

async function bootstrap(): Promise<void> {
  const { config, file: devSecretFile } = keepDevJwtSecret(loadConfig());
  const logger = new Logger('Bootstrap');
  if (config.generatedJwtSecret) {
    logger.warn(
      devSecretFile
        ? `JWT_SECRET is not set: using a development secret kept in ${devSecretFile}. Set JWT_SECRET for anything real.`
        : 'JWT_SECRET is not set: using a random secret for this process (tokens die on restart).',
    );
  }
  // A promise nobody awaits that rejects (e.g. a library's fire-and-forget publish during a Redis
  // outage) must not take every open connection down with it: log it and keep serving.
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  });
  if (embeddedInProduction(config)) {
    logger.warn(
      `NODE_ENV=production without DATABASE_URL: running on the embedded PGlite database in ${config.DATA_DIR} ` +
        '(one process, no replicas). Set DATABASE_URL to use PostgreSQL.',
    );
  }
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  // Through pino at info (Nest's own "log" level is off in production): one structured line.
  const { message, database, redis, urls } = bootSummary(config, port);
  app.getHttpAdapter().getInstance().log.info({ database, redis, urls }, message);
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof PendingMigrationsError ? err.message : err);
  process.exit(1);
});
