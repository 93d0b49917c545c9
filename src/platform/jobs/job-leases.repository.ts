import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';

@Injectable()
export class JobLeasesRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /**
   * Takes the lease on job `name` for `ms` unless another node's lease is still live, in one
   * statement: true only for the node that got it, however many claim it at once.
   */
  async claim(name: string, ms: number, holder: string): Promise<boolean> {
    const result = await this.db.execute(sql`
      insert into job_leases (name, locked_until, locked_by)
      values (${name}, now() + ${`${ms} milliseconds`}::interval, ${holder})
      on conflict (name) do update
        set locked_until = excluded.locked_until, locked_by = excluded.locked_by
        where job_leases.locked_until <= now()
      returning name`);
    return (result as unknown as { rows: unknown[] }).rows.length > 0;
  }
}
