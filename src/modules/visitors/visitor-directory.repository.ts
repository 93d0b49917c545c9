import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import { visitors, type Visitor } from '../../db/schema';
import { writeWithOutbox } from '../../platform/outbox/outbox.sql';
import { visitorFromRow } from './visitor.views';

/** What the trigram index visitors_search_trgm_idx covers (migration *_search_extra): keep them equal. */
const searchable = sql`lower(coalesce(${visitors.name}, '') || ' ' || coalesce(${visitors.email}, '') || ' ' || coalesce(${visitors.externalId}, ''))`;

/** `q` as a LIKE pattern matching anywhere, with the user's %, _ and \ taken literally. */
export const containsPattern = (q: string): string =>
  `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface VisitorCursor {
  at: string;
  id: string;
}

export interface AgentVisitorChanges {
  name?: string | null;
  email?: string | null;
  /** Replaces the stored metadata (an agent edits the whole set). */
  metadata?: Record<string, unknown>;
  blocked?: boolean;
}

/**
 * The visitors as agents manage them (the contacts page and search): lists by name, email or
 * external id, and the agent's edits, blocking included. The widget's own writes are in VisitorsRepository.
 */
@Injectable()
export class VisitorDirectoryRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /**
   * Visitors of the projects `projectIds` (a subquery) whose name, email or external id contains `q`
   * (all of them without one), most recently seen first; `limit + 1` rows tell whether more exist.
   */
  async list(
    projectIds: SQL,
    f: { q?: string; cursor?: VisitorCursor; limit: number },
  ): Promise<{ visitor: Visitor; activityKey: string }[]> {
    const after = f.cursor
      ? or(
          lt(visitors.lastSeenAt, sql`${f.cursor.at}::timestamptz`),
          and(eq(visitors.lastSeenAt, sql`${f.cursor.at}::timestamptz`), lt(visitors.id, f.cursor.id)),
        )
      : undefined;
    const rows = await this.db
      .select({
        ...getTableColumns(visitors),
        // Microseconds survive the cursor round trip; a JS Date would cut them to milliseconds.
        activityKey: sql<string>`to_char(${visitors.lastSeenAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      })
      .from(visitors)
      .where(
        and(
          sql`${visitors.projectId} in (${projectIds})`,
          f.q ? sql`${searchable} like ${containsPattern(f.q)}` : undefined,
          after,
        ),
      )
      .orderBy(desc(visitors.lastSeenAt), desc(visitors.id))
      .limit(f.limit + 1);
    return rows.map(({ activityKey, ...visitor }) => ({ visitor, activityKey }));
  }

  /** An agent's edit (blocking sets blocked_at once; unblocking clears it), with visitor.updated. */
  async update(
    visitorId: string,
    changes: AgentVisitorChanges,
    db: Db = this.db,
  ): Promise<Visitor | undefined> {
    const set: Record<string, unknown> = {};
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.email !== undefined) set.email = changes.email;
    if (changes.metadata !== undefined) set.metadata = changes.metadata;
    if (changes.blocked !== undefined)
      set.blockedAt = changes.blocked ? sql`coalesce(${visitors.blockedAt}, now())` : null;
    const update = db.update(visitors).set(set).where(eq(visitors.id, visitorId)).returning();
    const [row] = await writeWithOutbox(
      db,
      update,
      'visitor.updated',
      sql`jsonb_build_object('visitor', to_jsonb(w))`,
    );
    return row && visitorFromRow(row);
  }
}
