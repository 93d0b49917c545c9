import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, type Db } from './database';
import { rowsOf } from './raw-rows';

interface JournalEntry {
  tag: string;
  when: number;
}

/**
 * The migrations of this build the database has not applied, by name, decided as Drizzle's migrator
 * decides: those newer than the last one it recorded (so a database ahead of this build has none).
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const [row] = rowsOf(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`),
  );
  let last = -Infinity;
  if (row.present) {
    const [applied] = rowsOf(
      await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`),
    );
    if (applied.at !== null) last = Number(applied.at);
  }
  return journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
}

/** Boot refused: MIGRATE_ON_BOOT=false and the database lacks migrations this build needs. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database lacks ${pending.length} migration(s) this version needs: ${pending.join(', ')}. ` +
        'Run `npm run db:migrate` (or set MIGRATE_ON_BOOT=true), then start again.',
    );
  }
}
