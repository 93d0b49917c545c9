import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import { cannedResponses, type CannedResponse } from '../../db/schema';

export type CannedResponseInput = Pick<CannedResponse, 'teamId' | 'shortcut' | 'body' | 'authorId'> & {
  title?: string | null;
};
export type CannedResponseChanges = Partial<Pick<CannedResponse, 'shortcut' | 'title' | 'body'>>;

@Injectable()
export class CannedResponsesRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** A team's canned responses by shortcut, after `afterShortcut`; limit + 1 rows. */
  list(teamId: string, page: { afterShortcut?: string; limit: number }): Promise<CannedResponse[]> {
    return this.db
      .select()
      .from(cannedResponses)
      .where(
        and(
          eq(cannedResponses.teamId, teamId),
          page.afterShortcut ? gt(cannedResponses.shortcut, page.afterShortcut) : undefined,
        ),
      )
      .orderBy(asc(cannedResponses.shortcut))
      .limit(page.limit + 1);
  }

  async findById(id: string): Promise<CannedResponse | undefined> {
    const [row] = await this.db.select().from(cannedResponses).where(eq(cannedResponses.id, id));
    return row;
  }

  async create(input: CannedResponseInput): Promise<CannedResponse> {
    const [row] = await this.db.insert(cannedResponses).values(input).returning();
    return row;
  }

  async update(id: string, changes: CannedResponseChanges): Promise<CannedResponse | undefined> {
    const [row] = await this.db
      .update(cannedResponses)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(cannedResponses.id, id))
      .returning();
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(cannedResponses)
      .where(eq(cannedResponses.id, id))
      .returning({ id: cannedResponses.id });
    return rows.length > 0;
  }
}
