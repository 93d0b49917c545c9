import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { keepDevJwtSecret } from './config/dev-jwt-secret';
import { loadDotEnv } from './config/dotenv';
import { ConfigError, parseEnv, type AppConfig } from './config/env.schema';

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
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  logger.log(
    `Spectre Chat Server on http://localhost:${config.PORT} (database: ${config.DATABASE_URL ? 'postgres' : 'pglite'}, docs: /docs)`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
