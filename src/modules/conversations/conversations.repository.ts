import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/database.module';
import {
  conversations,
  projects,
  visitors,
  type Conversation,
  type ConversationStatus,
} from '../../db/schema';
import { writeWithOutbox } from '../../platform/outbox/outbox.sql';
import { memberHeldForShare, projectIdsOfUser } from '../access/access.repository';
import { labelsChanged } from '../labels/labels.repository';
import { conversationFromRow } from './conversation.views';

export interface InboxFilter {
  userId: string;
  projectId?: string;
  status?: ConversationStatus;
  /** 'me', 'none', or a user id. */
  assignee?: string;
  /** Only conversations with this label. */
  label?: string;
  cursor?: ActivityCursor;
  limit: number;
}

/** Keyset position in a list ordered by last activity (newest first), then id. */
export interface ActivityCursor {
  at: string;
  id: string;
}

export interface InboxRow {
  conversation: Conversation;
  /** last_message_at at full (microsecond) precision, for the page cursor: a JS Date keeps only ms. */
  activityKey: string;
  unread: number;
  visitor: { id: string; name: string | null; email: string | null };
}

/**
 * Correlated count of the other side's messages after a side's read marker. Written with explicit
 * table names: Drizzle leaves columns unqualified in single-table selects, which would bind to `m`.
 */
const unreadCount = (side: 'agent' | 'visitor') =>
  (side === 'agent'
    ? sql<number>`(select count(*) from messages m where m.conversation_id = conversations.id
        and m.seq > conversations.agent_last_read_seq and m.sender = 'visitor')`
    : sql<number>`(select count(*) from messages m where m.conversation_id = conversations.id
        and m.seq > conversations.visitor_last_read_seq and m.sender <> 'visitor' and not m.private)`
  ).mapWith(Number);

export type ConversationChanges = Partial<Pick<Conversation, 'status' | 'assigneeId' | 'snoozedUntil'>>;

/** The outbox payload of a written conversation row `w`, with the fields a change touched. */
const snapshot = (changes?: string[]): SQL =>
  changes
    ? sql`jsonb_build_object('conversation', to_jsonb(w), 'changes', ${JSON.stringify(changes)}::jsonb)`
    : sql`jsonb_build_object('conversation', to_jsonb(w))`;

/** last_message_at at full (microsecond) precision, for page cursors: a JS Date keeps only ms. */
const activityKey = sql<string>`to_char(${conversations.lastMessageAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Newest activity first. NULLS LAST as in the indexes (Drizzle's DESC index default), so the
 * planner reads the order straight off them (both columns are NOT NULL anyway).
 */
const NEWEST_FIRST = [
  sql`${conversations.lastMessageAt} desc nulls last`,
  sql`${conversations.id} desc nulls last`,
];

/** Rows after `cursor` in NEWEST_FIRST order; a row comparison the index can seek to. */
function olderThan(cursor?: ActivityCursor): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/**
 * The conversation has label `labelId` (a primary-key probe per candidate row). Explicit table
 * name: Drizzle leaves columns unqualified in single-table selects.
 */
const withLabel = (labelId: string): SQL =>
  sql`exists (select 1 from conversation_labels cl
    where cl.conversation_id = conversations.id and cl.label_id = ${labelId})`;

@Injectable()
export class ConversationsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async findForVisitor(conversationId: string, visitorId: string): Promise<Conversation | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.visitorId, visitorId)));
    return row;
  }

  /**
   * Agent inbox: the user's teams' conversations, newest activity first, keyset-paginated.
   * The page's ids come from one index scan per accessible project (LATERAL, each stopping at
   * limit + 1 rows), so a page costs the same with 100 or 10^6 conversations behind it.
   */
  async inbox(f: InboxFilter): Promise<InboxRow[]> {
    const where: (SQL | undefined)[] = [eq(conversations.projectId, sql`p.id`)];
    if (f.status) where.push(eq(conversations.status, f.status));
    if (f.assignee === 'none') where.push(isNull(conversations.assigneeId));
    else if (f.assignee)
      where.push(eq(conversations.assigneeId, f.assignee === 'me' ? f.userId : f.assignee));
    if (f.label) where.push(withLabel(f.label));
    where.push(olderThan(f.cursor));
    const perProject = this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(...where))
      .orderBy(...NEWEST_FIRST)
      .limit(f.limit + 1);
    const pageIds = sql`(select c.id from (${projectIdsOfUser(f.userId, f.projectId)}) p
      cross join lateral (${perProject}) c)`;
    const rows = await this.db
      .select({
        conversation: conversations,
        visitor: { id: visitors.id, name: visitors.name, email: visitors.email },
        unread: unreadCount('agent'),
        activityKey,
      })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(inArray(conversations.id, pageIds))
      .orderBy(...NEWEST_FIRST)
      .limit(f.limit + 1);
    return rows;
  }

  /** The visitor's own conversations with the visitor-side unread count (agent replies, no notes). */
  async listForVisitor(
    visitorId: string,
    page: { cursor?: ActivityCursor; limit: number },
  ): Promise<{ conversation: Conversation; unread: number; activityKey: string }[]> {
    return this.db
      .select({
        conversation: conversations,
        unread: unreadCount('visitor'),
        activityKey,
      })
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), olderThan(page.cursor)))
      .orderBy(...NEWEST_FIRST)
      .limit(page.limit + 1);
  }

  async unreadForAgent(conversationId: string): Promise<number> {
    const [row] = await this.db
      .select({ unread: unreadCount('agent') })
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    return row?.unread ?? 0;
  }

  /**
   * Takes the right to send the out-of-hours notice (csat lane): true for at most one caller per
   * conversation per 24 h, however many visitor messages race (the row lock orders them).
   */
  async claimOfflineNotice(conversationId: string, db: Db = this.db): Promise<boolean> {
    const rows = await db
      .update(conversations)
      .set({ offlineNoticeAt: sql`now()` })
      .where(
        and(
          eq(conversations.id, conversationId),
          sql`(${conversations.offlineNoticeAt} is null or ${conversations.offlineNoticeAt} <= now() - interval '24 hours')`,
        ),
      )
      .returning({ id: conversations.id });
    return rows.length > 0;
  }

  /** Opens a conversation; the same visitor + opening clientMessageId returns the existing one. */
  async open(
    input: { projectId: string; visitorId: string; openingClientMessageId: string },
    db: Db = this.db,
  ): Promise<{ conversation: Conversation; created: boolean }> {
    const insert = db.insert(conversations).values(input).onConflictDoNothing().returning();
    const [created] = await writeWithOutbox(db, insert, 'conversation.created', snapshot());
    if (created) return { conversation: conversationFromRow(created), created: true };
    const [existing] = await db
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.visitorId, input.visitorId),
          eq(conversations.openingClientMessageId, input.openingClientMessageId),
        ),
      );
    return { conversation: existing, created: false };
  }

  /**
   * Applies `changes`; a new assignee must still be a member of `teamId` when the row is written.
   * The membership row is share-locked, so a concurrent removal (which unassigns in the same
   * transaction) either runs first and this matches nothing, or runs after and unassigns this.
   * Undefined when nothing matched. `changed` (the fields that really change) goes to the outbox;
   * with none, nothing does. `resolvedBy` stamps resolved_at/resolved_by_id (a resolve by that user).
   */
  async update(
    conversationId: string,
    changes: ConversationChanges,
    teamId: string,
    changed: (keyof ConversationChanges)[],
    resolvedBy?: string,
    db: Db = this.db,
  ): Promise<Conversation | undefined> {
    const assignee = changes.assigneeId ? memberHeldForShare(teamId, changes.assigneeId) : undefined;
    const resolved = resolvedBy ? { resolvedAt: sql`now()`, resolvedById: resolvedBy } : {};
    const update = db
      .update(conversations)
      .set({ ...changes, ...resolved, updatedAt: sql`now()` })
      .where(and(eq(conversations.id, conversationId), assignee))
      .returning();
    if (changed.length === 0) return (await update)[0];
    const [row] = await writeWithOutbox(db, update, 'conversation.updated', snapshot(changed));
    return row && conversationFromRow(row);
  }

  /** Locks the conversation row for the rest of `tx` (a label set is ordered against another). */
  async lockForUpdate(tx: Db, conversationId: string): Promise<Conversation | undefined> {
    const [row] = await tx
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .for('update');
    return row;
  }

  /** Bumps updated_at after a label change, with its `conversation.updated` outbox row. */
  async touchForLabels(tx: Db, conversationId: string): Promise<Conversation | undefined> {
    const update = tx
      .update(conversations)
      .set({ updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId))
      .returning();
    const [row] = await writeWithOutbox(tx, update, 'conversation.updated', labelsChanged());
    return row && conversationFromRow(row);
  }

  /** Reopens snoozed conversations whose time has come; each row is returned by exactly one caller. */
  async wakeSnoozed(): Promise<Conversation[]> {
    const update = this.db
      .update(conversations)
      .set({ status: 'open', snoozedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(conversations.status, 'snoozed'), lte(conversations.snoozedUntil, sql`now()`)))
      .returning();
    const rows = await writeWithOutbox(
      this.db,
      update,
      'conversation.updated',
      snapshot(['status', 'snoozedUntil']),
    );
    return rows.map(conversationFromRow);
  }

  /**
   * Moves a side's read marker forward only (never back), capped at the last sequence; `moved` says
   * whether it did (only then is there an outbox row, and something to tell the other side).
   */
  async markRead(
    conversationId: string,
    side: 'agent' | 'visitor',
    seq: number,
    readerId: string,
  ): Promise<{ conversation: Conversation; moved: boolean } | undefined> {
    const column = sql.raw(side === 'agent' ? 'agent_last_read_seq' : 'visitor_last_read_seq');
    // A visitor can only have read what it can see.
    const upTo = sql.raw(side === 'agent' ? 'last_seq' : 'last_public_seq');
    // `old` locks the row first, so `read_before` is the marker this update moved (or did not).
    const update = sql`update conversations c set ${column} = greatest(c.${column}, least(${seq}, c.${upTo}))
      from (select id, ${column} as read_before from conversations where id = ${conversationId} for update) old
      where c.id = old.id
      returning c.*, old.read_before`;
    const payload = sql`jsonb_build_object('conversation', to_jsonb(w) - 'read_before', 'side', ${side}::text,
      'last_read_seq', w.${column}, 'reader_id', ${readerId}::text)`;
    const moved = sql`w.${column} > w.read_before`;
    const [row] = await writeWithOutbox(this.db, update, 'message.read', payload, moved);
    if (!row) return undefined;
    const conversation = conversationFromRow(row);
    const marker = side === 'agent' ? conversation.agentLastReadSeq : conversation.visitorLastReadSeq;
    return { conversation, moved: marker > Number(row.read_before) };
  }
}

/**
 * Unassigns a leaving member's conversations in the team's projects, inside the removal's
 * transaction (`db`), and returns them.
 */
export async function unassignInTeam(db: Db, teamId: string, userId: string): Promise<Conversation[]> {
  const teamProjects = db.select({ id: projects.id }).from(projects).where(eq(projects.teamId, teamId));
  const update = db
    .update(conversations)
    .set({ assigneeId: null, updatedAt: sql`now()` })
    .where(and(eq(conversations.assigneeId, userId), inArray(conversations.projectId, teamProjects)))
    .returning();
  const rows = await writeWithOutbox(db, update, 'conversation.updated', snapshot(['assigneeId']));
  return rows.map(conversationFromRow);
}
