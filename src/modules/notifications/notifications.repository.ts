import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { rowsOf } from '../../db/raw-rows';
import { DB } from '../../db/tokens';
import {
  continuityMail,
  conversations,
  messages,
  projects,
  users,
  visitors,
  type NotificationPrefs,
} from '../../db/schema';

export interface Recipient {
  id: string;
  email: string;
  name: string;
  notificationPrefs: NotificationPrefs;
}

/** What a mail about a conversation shows of it, read when the mail is made. */
export interface ConversationContext {
  conversationId: string;
  projectId: string;
  projectName: string;
  allowedOrigins: string[];
  preview: string | null;
  visitorId: string;
  visitorName: string | null;
  visitorEmail: string | null;
  visitorOptedOut: boolean;
  visitorLastReadSeq: number;
}

export interface DueContinuity {
  conversationId: string;
  mailedThroughSeq: number;
}

@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  usersByIds(ids: string[]): Promise<Recipient[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        notificationPrefs: users.notificationPrefs,
      })
      .from(users)
      .where(inArray(users.id, ids));
  }

  async projectName(projectId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ name: projects.name })
      .from(projects)
      .where(eq(projects.id, projectId));
    return row?.name;
  }

  async conversationContext(
    conversationId: string,
    db: Db = this.db,
  ): Promise<ConversationContext | undefined> {
    const [row] = await db
      .select({
        conversationId: conversations.id,
        projectId: projects.id,
        projectName: projects.name,
        allowedOrigins: projects.allowedOrigins,
        preview: conversations.lastMessagePreview,
        visitorId: visitors.id,
        visitorName: visitors.name,
        visitorEmail: visitors.email,
        visitorOptedOut: sql<boolean>`${visitors.emailOptOutAt} is not null`,
        visitorLastReadSeq: conversations.visitorLastReadSeq,
      })
      .from(conversations)
      .innerJoin(projects, eq(projects.id, conversations.projectId))
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(eq(conversations.id, conversationId));
    return row;
  }

  /** Agent replies a visitor can see, after `afterSeq`, oldest first (at most `limit`). */
  unseenAgentReplies(db: Db, conversationId: string, afterSeq: number, limit = 20) {
    return db
      .select({ seq: messages.seq, body: messages.body, author: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorId))
      .where(
        and(
          eq(messages.conversationId, conversationId),
          gt(messages.seq, afterSeq),
          eq(messages.sender, 'agent'),
          eq(messages.private, false),
        ),
      )
      .orderBy(asc(messages.seq))
      .limit(limit);
  }

  /**
   * An agent replied: the conversation's continuity check falls due after `delayMs`, unless one is
   * already due, and never sooner than `delayMs` after the last continuity mail (one per window).
   */
  async scheduleContinuity(conversationId: string, delayMs: number): Promise<void> {
    const delay = sql`make_interval(secs => ${delayMs / 1000})`;
    await this.db.execute(sql`
      insert into continuity_mail (conversation_id, due_at) values (${conversationId}, now() + ${delay})
      on conflict (conversation_id) do update set due_at = coalesce(continuity_mail.due_at,
        greatest(now() + ${delay}, continuity_mail.last_mailed_at + ${delay}))`);
  }

  /**
   * Takes up to `limit` due checks in one transaction (SKIP LOCKED, so nodes share the work) and
   * runs `check` on each: it queues the mail in the same transaction and returns the seq it mailed
   * through, or undefined when nothing was mailed. A failure rolls the batch back, to be retried.
   */
  async runDueContinuity(
    limit: number,
    check: (tx: Db, due: DueContinuity) => Promise<number | undefined>,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due = rowsOf(
        await tx.execute(sql`select conversation_id, mailed_through_seq from continuity_mail
          where due_at <= now() order by due_at limit ${limit} for update skip locked`),
      ).map((r) => ({
        conversationId: r.conversation_id as string,
        mailedThroughSeq: Number(r.mailed_through_seq),
      }));
      for (const d of due) {
        const mailedThrough = await check(tx, d);
        await tx
          .update(continuityMail)
          .set(
            mailedThrough === undefined
              ? { dueAt: null }
              : { dueAt: null, mailedThroughSeq: mailedThrough, lastMailedAt: new Date() },
          )
          .where(eq(continuityMail.conversationId, d.conversationId));
      }
      return due.length;
    });
  }

  /** The unsubscribe link: no more continuity mails for this visitor. */
  async optOutVisitor(visitorId: string): Promise<boolean> {
    const rows = await this.db
      .update(visitors)
      .set({ emailOptOutAt: new Date() })
      .where(and(eq(visitors.id, visitorId), isNull(visitors.emailOptOutAt)))
      .returning({ id: visitors.id });
    if (rows.length > 0) return true;
    const [exists] = await this.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(eq(visitors.id, visitorId));
    return Boolean(exists);
  }
}
