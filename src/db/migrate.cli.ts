import { loadDotEnv } from '../config/dotenv';
import { parseEnv } from '../config/env.schema';
import { createDatabase } from './database';

async function main(): Promise<void> {
  loadDotEnv(); // the same configuration as the server
  const config = parseEnv(process.env);
  const database = createDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: 1,
  });
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.driver}).`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
