import { Inject, Injectable } from '@nestjs/common';
import { asc, eq, inArray, ne, and, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import { Transactions } from '../../db/transactions';
import { rowsOf } from '../../db/raw-rows';
import {
  attachments,
  conversations,
  messages,
  ratings,
  users,
  visitors,
  type Attachment,
  type Conversation,
  type Rating,
} from '../../db/schema';

export interface ExportedConversation {
  conversation: Conversation;
  messages: {
    id: string;
    seq: number;
    sender: 'visitor' | 'agent' | 'system';
    authorName: string | null;
    body: string;
    private: boolean;
    createdAt: Date;
  }[];
  attachments: Attachment[];
  rating: Rating | null;
}

/**
 * Pending outbox rows that carry this visitor's data: their visitor snapshot, or a conversation or
 * message of theirs (every event type names one of those; unknown shapes match none of them).
 */
const carriesVisitor = (visitorId: string) => sql`
  payload->'visitor'->>'id' = ${visitorId}
  or payload->'conversation'->>'visitor_id' = ${visitorId}
  or payload->'message'->>'conversation_id' in (select id::text from conversations where visitor_id = ${visitorId})`;

/** The right to erasure and to portability: everything stored about one visitor. */
@Injectable()
export class ContactsRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly transactions: Transactions,
  ) {}

  /**
   * The visitor's conversations that are not resolved (what blocking with resolveOpen resolves),
   * locked for the rest of `tx`.
   */
  async unresolvedConversationsForUpdate(tx: Db, visitorId: string): Promise<Conversation[]> {
    return tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.visitorId, visitorId), ne(conversations.status, 'resolved')))
      .orderBy(asc(conversations.id))
      .for('update');
  }

  /**
   * Deletes the visitor (conversations and messages go by cascade, and with them whatever other
   * features keep per conversation or message) and the pending outbox rows with their data, and
   * writes `visitor.erased` with ids only, in one transaction. False when there was no such visitor.
   */
  async erase(visitorId: string): Promise<{ erased: boolean; outboxRowsDropped: number }> {
    return this.transactions.run(async (tx) => {
      const dropped = rowsOf(
        await tx.execute(sql`delete from outbox where ${carriesVisitor(visitorId)} returning id`),
      );
      const erased = rowsOf(
        await tx.execute(sql`with w as (delete from ${visitors} where id = ${visitorId} returning id, project_id)
          insert into outbox (type, payload)
          select 'visitor.erased', jsonb_build_object('visitorId', w.id, 'projectId', w.project_id) from w
          returning id`),
      );
      return { erased: erased.length > 0, outboxRowsDropped: dropped.length };
    });
  }

  /** The visitor's conversations, oldest first, each with its whole history (internal notes too). */
  async exportConversations(visitorId: string): Promise<ExportedConversation[]> {
    const list = await this.db
      .select()
      .from(conversations)
      .where(eq(conversations.visitorId, visitorId))
      .orderBy(asc(conversations.createdAt), asc(conversations.id));
    if (list.length === 0) return [];
    const rows = await this.db
      .select({
        conversationId: messages.conversationId,
        id: messages.id,
        seq: messages.seq,
        sender: messages.sender,
        authorName: users.name,
        body: messages.body,
        private: messages.private,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorId))
      .where(
        inArray(
          messages.conversationId,
          list.map((c) => c.id),
        ),
      )
      .orderBy(asc(messages.conversationId), asc(messages.seq));
    const ids = list.map((c) => c.id);
    const [files, rated] = await Promise.all([
      this.db
        .select()
        .from(attachments)
        .where(inArray(attachments.conversationId, ids))
        .orderBy(asc(attachments.createdAt), asc(attachments.id)),
      this.db.select().from(ratings).where(inArray(ratings.conversationId, ids)),
    ]);
    const byConversation = new Map(
      list.map((c): [string, ExportedConversation] => [
        c.id,
        { conversation: c, messages: [], attachments: [], rating: null },
      ]),
    );
    for (const { conversationId, ...m } of rows) byConversation.get(conversationId)!.messages.push(m);
    for (const f of files) byConversation.get(f.conversationId)!.attachments.push(f);
    for (const r of rated) byConversation.get(r.conversationId)!.rating = r;
    return [...byConversation.values()];
  }
}
