import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, gt, isNotNull, lt, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database, Db, PreparedStatement } from '../../db/database';
import { DATABASE, DB } from '../../db/tokens';
import { isUniqueViolation } from '../../db/pg-errors';
import { positionalSql } from '../../db/positional-sql';
import { jsonOf, rowsOf } from '../../db/raw-rows';
import {
  conversations,
  messages,
  type Conversation,
  type ConversationStatus,
  type MessageSender,
  users,
  visitors,
} from '../../db/schema';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { toAttachmentView, type AttachmentView } from '../attachments/attachment.views';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { conversationFromRow } from '../conversations/conversation.views';
import { messageFromRow, type MessageWithAuthor } from './message.views';

export interface AppendInput {
  conversationId: string;
  /** When set, the conversation must belong to this visitor (widget sends). */
  visitorId?: string;
  sender: MessageSender;
  authorId?: string | null;
  body: string;
  clientMessageId: string;
  private?: boolean;
  /** Uploads of this conversation and sender, not yet attached: attached by the same statement. */
  attachmentIds?: string[];
}

export type AppendResult =
  | {
      kind: 'created';
      message: MessageWithAuthor;
      conversation: Conversation;
      previousStatus: ConversationStatus;
    }
  | { kind: 'duplicate'; message: MessageWithAuthor }
  | { kind: 'conflict' }
  | { kind: 'not-found' }
  | { kind: 'blocked' };

export interface HistoryQuery {
  before?: number;
  after?: number;
  limit: number;
  includePrivate: boolean;
}

/**
 * Appends a message in one statement: bumps the conversation's sequence (its row lock orders sends
 * per conversation), stamps the first public agent reply (reports' first response time), inserts the message with that seq and its outbox rows (message.created, and
 * conversation.updated when a visitor's message reopens it), and reports the status before the change.
 * A blocked visitor's send ($8) inserts nothing (no extra round trip: the check is part of `prev`).
 * A repeated clientMessageId inserts nothing: `prev` skips it when it was committed before this
 * statement began; a send that raced it (waited on the row lock, so its snapshot missed it) fails
 * on the unique index instead, which rolls the conversation update back too (no seq gap).
 * Parameters: $1 conversation, $2 message id, $3 sender, $4 author, $5 body, $6 private,
 * $7 clientMessageId, $8 owning visitor (null: any).
 * Hand-written and prepared: planning this CTE costs PostgreSQL more than running it (measured
 * 575 vs 217 µs of server CPU per send), so it is planned once per connection. The rows come back as
 * the two jsonb snapshots the outbox stores anyway: node-postgres sets up 4 fields instead of 32
 * (its per-result field setup alone was ~3 % of a send's CPU).
 */
export const APPEND: PreparedStatement = {
  name: 'messages_append_v8',
  text: `
    with prev as (
      select id, status from conversations
      where id = $1 and ($8::uuid is null or visitor_id = $8)
        and not exists (select 1 from messages where conversation_id = $1 and client_message_id = $7)
        and ($8::uuid is null or not exists (select 1 from visitors where id = $8 and blocked_at is not null))
      for update
    ), c as (
      update conversations c set
        last_seq = c.last_seq + 1,
        last_public_seq = case when $6 then c.last_public_seq else c.last_seq + 1 end,
        updated_at = now(),
        last_message_at = case when $6 then c.last_message_at else now() end,
        last_message_preview = case when $6 then c.last_message_preview else left($5, 140) end,
        status = case when $3 = 'visitor' and c.status in ('resolved', 'snoozed') then 'open' else c.status end,
        snoozed_until = case when $3 = 'visitor' and c.status in ('resolved', 'snoozed') then null else c.snoozed_until end,
        visitor_last_read_seq = case when $3 = 'visitor' then c.last_seq + 1 else c.visitor_last_read_seq end,
        agent_last_read_seq = case when $3 = 'agent' then c.last_seq + 1 else c.agent_last_read_seq end,
        first_agent_reply_at = case when $3 = 'agent' and not $6 and c.first_agent_reply_at is null
          then now() else c.first_agent_reply_at end,
        first_agent_reply_by_id = case when $3 = 'agent' and not $6 and c.first_agent_reply_at is null
          then $4::uuid else c.first_agent_reply_by_id end
      from prev where c.id = prev.id
      returning c.*, prev.status as previous_status
    ), m as (
      insert into messages (id, conversation_id, seq, sender, author_id, body, private, client_message_id)
      select $2, c.id, c.last_seq, $3::message_sender, $4, $5, $6, $7 from c
      returning *
    ), j as (
      select to_jsonb(c) - 'previous_status' as conversation, to_jsonb(m) - 'search_vector' as message
      from c join m on true
    ), o as (
      insert into outbox (type, payload)
      select 'conversation.updated', jsonb_build_object(
          'conversation', j.conversation, 'changes', jsonb_build_array('status'))
        from c join j on true where c.status <> c.previous_status
      union all
      select 'message.created', jsonb_build_object('message', j.message, 'conversation', j.conversation)
        from j
    )
    select j.conversation, j.message, c.previous_status,
      (select name from users where id = m.author_id) as m_author_name
    from c join m on true join j on true`,
};

/**
 * The append of a message with attachments: APPEND plus a CTE that sets message_id on the uploads
 * named in $9 (this conversation's, this sender's, not yet attached), their metadata in the
 * message's outbox snapshot and in the result, and their count, which the caller compares with
 * the ids asked for (inside a transaction, so a mismatch rolls the whole send back). Derived from
 * APPEND's text so the two cannot drift; sends without attachments keep the prepared APPEND.
 */
const ATTACHED_JSON = `(select coalesce(jsonb_agg(to_jsonb(a) - 'storage_key' order by a.id), '[]'::jsonb) from a)`;
function withAttachments(text: string): string {
  const edits: Array<[string, string]> = [
    ['left($5, 140) end,', `coalesce(nullif(left($5, 140), ''), '[attachment]') end,`],
    [
      '      returning *\n    ), j as (',
      `      returning *
    ), a as (
      update attachments set message_id = m.id from m
      where attachments.id = any($9::uuid[]) and attachments.conversation_id = m.conversation_id
        and attachments.message_id is null and attachments.sender = m.sender
        and attachments.author_id is not distinct from m.author_id
      returning attachments.*
    ), j as (`,
    ],
    [
      "to_jsonb(m) - 'search_vector' as message",
      `(to_jsonb(m) - 'search_vector') || jsonb_build_object('attachments', ${ATTACHED_JSON}) as message`,
    ],
    [
      '(select name from users where id = m.author_id) as m_author_name',
      `(select name from users where id = m.author_id) as m_author_name,
      (select count(*) from a)::int as attached_count`,
    ],
  ];
  return edits.reduce((sql, [from, to]) => {
    if (!sql.includes(from)) throw new Error(`APPEND changed: "${from}" not found`);
    return sql.replace(from, to);
  }, text);
}
const APPEND_WITH_ATTACHMENTS_TEXT = withAttachments(APPEND.text);

// Inside a transaction the append runs through Drizzle (unprepared) under a savepoint, so that a
// lost idempotency race leaves the caller's transaction usable.
async function executeRows(
  db: Db,
  params: unknown[],
  text = APPEND.text,
): Promise<Record<string, unknown>[]> {
  return rowsOf(await db.execute(positionalSql(text, params)));
}

/** The append with attachments: refuses (throwing, so the transaction rolls back) ids it could not attach. */
async function appendAttaching(
  db: Db,
  params: unknown[],
  wanted: number,
): Promise<Record<string, unknown>[]> {
  // Checked (and locked) first, so that a refused send does not even draw outbox ids; the count
  // after the append still guards what the lock cannot see.
  const [conversationId, , sender, authorId, , , , , ids] = params;
  const attachable = rowsOf(
    await db.execute(
      positionalSql(
        `select id from attachments where id = any($1::uuid[]) and conversation_id = $2
          and message_id is null and sender = $3::message_sender and author_id is not distinct from $4::uuid
          for update`,
        [ids, conversationId, sender, authorId],
      ),
    ),
  );
  if (attachable.length !== wanted) {
    // A resend of a send that committed (the widget's outbox, a racing double send) finds its files
    // attached already: no rows, so append() answers duplicate/conflict as the plain append does.
    if (await hasClientMessage(db, conversationId, params[6])) return [];
    throw notAttachable();
  }
  const rows = await executeRows(db, params, APPEND_WITH_ATTACHMENTS_TEXT);
  const row = rows[0];
  if (row?.message && Number(row.attached_count) !== wanted) throw notAttachable();
  return rows;
}

async function hasClientMessage(db: Db, conversationId: unknown, clientMessageId: unknown): Promise<boolean> {
  const where = and(
    eq(messages.conversationId, conversationId as string),
    eq(messages.clientMessageId, clientMessageId as string),
  );
  return (await db.$count(messages, where)) > 0;
}

function notAttachable(): AppError {
  return new AppError(
    ErrorCode.ATTACHMENT_NOT_ATTACHABLE,
    'Each attachment must be an upload of yours to this conversation, not yet attached to a message',
    [{ path: 'attachmentIds', message: 'unknown, already attached, or not yours' }],
  );
}

@Injectable()
export class MessagesRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(DATABASE) private readonly database: Database,
    private readonly attachments: AttachmentsRepository,
  ) {}

  /** See APPEND. */
  async append(input: AppendInput, tx?: Db): Promise<AppendResult> {
    const params = [
      input.conversationId,
      uuidv7(),
      input.sender,
      input.authorId ?? null,
      input.body,
      input.private ?? false,
      input.clientMessageId,
      input.visitorId ?? null,
    ];
    const attachmentIds = input.attachmentIds ?? [];
    let rows: Record<string, unknown>[];
    try {
      if (attachmentIds.length > 0) {
        // As an array literal: a JS array would be expanded into a list of parameters.
        const attaching = [...params, `{${attachmentIds.join(',')}}`];
        rows = await (tx ?? this.db).transaction(async (inner) =>
          appendAttaching(inner as unknown as Db, attaching, attachmentIds.length),
        );
      } else {
        rows = tx
          ? await tx.transaction(async (savepoint) => executeRows(savepoint as unknown as Db, params))
          : await this.database.prepared(APPEND, params);
      }
    } catch (err) {
      if (!isUniqueViolation(err, 'messages_conversation_client_id_key')) throw err;
      rows = [];
    }
    const db = tx ?? this.db;
    const row = rows[0] as Record<string, unknown> | undefined;
    if (row?.message) {
      return {
        kind: 'created',
        message: messageFromRow({ ...jsonOf(row.message), author_name: row.m_author_name }),
        conversation: conversationFromRow(jsonOf(row.conversation)),
        previousStatus: row.previous_status as ConversationStatus,
      };
    }
    // Nothing inserted: a blocked visitor, a repeat of an earlier clientMessageId, or no such
    // conversation for this sender.
    if (input.visitorId && (await this.visitorBlocked(input.visitorId, db))) return { kind: 'blocked' };
    const existing = await this.findByClientId(input.conversationId, input.clientMessageId, db);
    if (!existing) return { kind: 'not-found' };
    if (input.visitorId && !(await this.isVisitorConversation(input.conversationId, input.visitorId, db))) {
      return { kind: 'not-found' };
    }
    // Only the sender's own message is a repeat; anyone else reusing its id must not see it (a note!).
    const sameSender =
      existing.sender === input.sender &&
      (input.sender === 'visitor' || existing.authorId === (input.authorId ?? null));
    return sameSender ? { kind: 'duplicate', message: existing } : { kind: 'conflict' };
  }

  private async visitorBlocked(visitorId: string, db: Db): Promise<boolean> {
    const n = await db.$count(visitors, and(eq(visitors.id, visitorId), isNotNull(visitors.blockedAt)));
    return n > 0;
  }

  private async isVisitorConversation(conversationId: string, visitorId: string, db: Db): Promise<boolean> {
    const n = await db.$count(
      conversations,
      and(eq(conversations.id, conversationId), eq(conversations.visitorId, visitorId)),
    );
    return n > 0;
  }

  async findByClientId(
    conversationId: string,
    clientMessageId: string,
    db: Db = this.db,
  ): Promise<MessageWithAuthor | undefined> {
    const [row] = await this.withAuthor(db).where(
      and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, clientMessageId)),
    );
    return row && (await this.withAttachments([row], db))[0];
  }

  /** One page of a conversation's history in ascending order; `limit + 1` rows tell whether more exist. */
  async history(
    conversationId: string,
    q: HistoryQuery,
  ): Promise<{ items: MessageWithAuthor[]; hasMore: boolean }> {
    const conditions: (SQL | undefined)[] = [eq(messages.conversationId, conversationId)];
    if (!q.includePrivate) conditions.push(eq(messages.private, false));
    if (q.before !== undefined) conditions.push(lt(messages.seq, q.before));
    if (q.after !== undefined) conditions.push(gt(messages.seq, q.after));
    // Without `after` the newest page comes first; with it, catch-up reads forward from the cursor.
    const forward = q.after !== undefined && q.before === undefined;
    const rows = await this.withAuthor(this.db)
      .where(and(...conditions))
      .orderBy(forward ? asc(messages.seq) : desc(messages.seq))
      .limit(q.limit + 1);
    const hasMore = rows.length > q.limit;
    const page = await this.withAttachments(rows.slice(0, q.limit));
    return { items: forward ? page : page.reverse(), hasMore };
  }

  /** The messages with their attachments' metadata (one query for the page). */
  private async withAttachments(items: MessageWithAuthor[], db: Db = this.db): Promise<MessageWithAuthor[]> {
    const found = await this.attachments.byMessageIds(
      items.map((m) => m.id),
      db,
    );
    const byMessage = new Map<string, AttachmentView[]>();
    for (const a of found) {
      const list = byMessage.get(a.messageId!) ?? [];
      list.push(toAttachmentView(a));
      byMessage.set(a.messageId!, list);
    }
    return items.map((m) => ({ ...m, attachments: byMessage.get(m.id) ?? [] }));
  }

  /** Messages with their author's display name (agents' messages; a visitor's have no author). */
  private withAuthor(db: Db) {
    return db
      .select({ ...getTableColumns(messages), authorName: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorId));
  }
}
