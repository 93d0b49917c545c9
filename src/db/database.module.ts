import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { createDatabase, type Database } from './database';
import { PendingMigrationsError, pendingMigrations } from './migrations';
import { DATABASE, DB } from './tokens';
import { Transactions } from './transactions';

export { DATABASE, DB } from './tokens';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<Database> => {
        const database = createDatabase({
          databaseUrl: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          dataDir: config.DATA_DIR,
        });
        if (config.MIGRATE_ON_BOOT) {
          await database.migrate();
          return database;
        }
        // Serving on an older schema fails request by request (500s): refuse to start instead.
        const pending = await pendingMigrations(database.db);
        if (pending.length > 0) {
          await database.close();
          throw new PendingMigrationsError(pending);
        }
        return database;
      },
    },
    { provide: DB, inject: [DATABASE], useFactory: (database: Database) => database.db },
    Transactions,
  ],
  exports: [DATABASE, DB, Transactions],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
