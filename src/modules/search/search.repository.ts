import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import { rowsOf } from '../../db/raw-rows';
import type { Conversation, ConversationStatus } from '../../db/schema';
import { conversationFromRow } from '../conversations/conversation.views';
import { toIso } from '../../platform/dates';
import { headline } from './search-query';

/** Where the next page starts: after this conversation's (rank, newest match, id). */
export interface SearchCursor {
  rank: string;
  newest: string;
  id: string;
}

export interface ConversationHit {
  conversation: Conversation;
  visitor: { id: string; name: string | null; email: string | null };
  rank: string;
  newest: string;
}

export interface MessageHit {
  id: string;
  conversationId: string;
  seq: number;
  private: boolean;
  createdAt: string;
  marked: string;
}

/** Matches shown per conversation (its best ones). */
const MATCHES_PER_CONVERSATION = 3;

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Full-text search over message bodies (internal notes included: only agents search) through the
 * GIN index on messages.search_vector (migration *_search_extra).
 */
@Injectable()
export class SearchRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /**
   * Conversations of `projectIds` (a subquery) with a message matching `query`, by their best
   * match's relevance, then their newest match, then id; `limit + 1` rows tell whether more exist.
   */
  async conversations(f: {
    query: SQL;
    projectIds: SQL;
    status?: ConversationStatus;
    cursor?: SearchCursor;
    limit: number;
  }): Promise<ConversationHit[]> {
    const after = f.cursor
      ? sql`and (h.rank, h.newest, h.conversation_id) < (${f.cursor.rank}::real, ${f.cursor.newest}::timestamptz, ${f.cursor.id}::uuid)`
      : sql``;
    const rows = rowsOf(
      // MATERIALIZED: the matching messages come from the GIN index first. Left to itself the planner
      // may walk every conversation of the project and filter its messages (seconds at 10^5 rows).
      // Scoped to the caller's projects inside it: other tenants' matches are never ranked.
      await this.db.execute(sql`with matched as materialized (
        select m.conversation_id, ts_rank(m.search_vector, ${f.query}) as rank, m.created_at
        from messages m where m.search_vector @@ ${f.query}
          and m.conversation_id in (select id from conversations where project_id in (${f.projectIds}))
      ), hits as (
        select x.conversation_id, max(x.rank) as rank, max(x.created_at) as newest
        from matched x join conversations c on c.id = x.conversation_id
        where c.project_id in (${f.projectIds}) ${f.status ? sql`and c.status = ${f.status}` : sql``}
        group by x.conversation_id
      )
      select c.*, h.rank::text as h_rank, ${iso(sql`h.newest`)} as h_newest,
        v.id as v_id, v.name as v_name, v.email as v_email
      from hits h join conversations c on c.id = h.conversation_id join visitors v on v.id = c.visitor_id
      where true ${after}
      order by h.rank desc, h.newest desc, h.conversation_id desc
      limit ${f.limit + 1}`),
    );
    return rows.map((r) => ({
      conversation: conversationFromRow(r),
      visitor: {
        id: r.v_id as string,
        name: (r.v_name as string | null) ?? null,
        email: (r.v_email as string | null) ?? null,
      },
      rank: r.h_rank as string,
      newest: r.h_newest as string,
    }));
  }

  /** The best matching messages of each conversation, with marked headlines (see snippetOf). */
  async matches(query: SQL, conversationIds: string[]): Promise<MessageHit[]> {
    if (conversationIds.length === 0) return [];
    const ids = sql.join(
      conversationIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const rows = rowsOf(
      await this.db.execute(sql`select x.id, x.conversation_id, x.seq, x.private, x.created_at,
        ${headline(sql`x.body`, query)} as marked
      from (
        select m.id, m.conversation_id, m.seq, m.private, m.created_at, m.body,
          row_number() over (partition by m.conversation_id
            order by ts_rank(m.search_vector, ${query}) desc, m.created_at desc, m.id desc) as n
        from messages m
        where m.conversation_id in (${ids}) and m.search_vector @@ ${query}
      ) x
      where x.n <= ${MATCHES_PER_CONVERSATION}
      order by x.conversation_id, x.n`),
    );
    return rows.map((r) => ({
      id: r.id as string,
      conversationId: r.conversation_id as string,
      seq: Number(r.seq),
      private: Boolean(r.private),
      createdAt: toIso(new Date(r.created_at as string)),
      marked: r.marked as string,
    }));
  }
}
