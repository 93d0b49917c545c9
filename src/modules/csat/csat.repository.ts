import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import { ratings, type Rating } from '../../db/schema';
import { writeWithOutbox } from '../../platform/outbox/outbox.sql';
import { ratingFromRow } from './rating.views';

@Injectable()
export class CsatRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async find(conversationId: string): Promise<Rating | undefined> {
    const [row] = await this.db.select().from(ratings).where(eq(ratings.conversationId, conversationId));
    return row;
  }

  /**
   * Gives or changes the conversation's one rating, with its `csat.submitted` outbox row
   * (`{ rating, conversation }`, row snapshots) in the same statement. A change is accepted only
   * within 7 days of the first rating; undefined when that window has passed.
   */
  async upsert(input: {
    conversationId: string;
    projectId: string;
    score: number;
    comment: string | null;
  }): Promise<Rating | undefined> {
    const write = this.db
      .insert(ratings)
      .values(input)
      .onConflictDoUpdate({
        target: ratings.conversationId,
        set: { score: input.score, comment: input.comment, updatedAt: sql`now()` },
        setWhere: sql`${ratings.createdAt} > now() - interval '7 days'`,
      })
      .returning();
    const payload = sql`jsonb_build_object('rating', to_jsonb(w),
      'conversation', (select to_jsonb(c) from conversations c where c.id = w.conversation_id))`;
    const [row] = await writeWithOutbox(this.db, write, 'csat.submitted', payload);
    return row && ratingFromRow(row);
  }
}
