import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { jsonOf, rowsOf } from '../../db/raw-rows';
import { DB } from '../../db/tokens';
import { mailQueue, type MailQueueRow } from '../../db/schema';
import type { MailContent } from './templates/mail-layout';

/** A mail to queue: its content, its address and whose it is, and its deduplication key. */
export interface QueuedMail extends MailContent {
  key: string;
  kind: string;
  to: string;
  userId?: string;
  visitorId?: string;
}

export type ClaimedMail = Pick<
  MailQueueRow,
  'id' | 'to' | 'subject' | 'text' | 'html' | 'headers' | 'attempts'
>;

@Injectable()
export class MailQueueRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Queues mails; one whose key is already queued (a redelivered cause) is skipped. Returns how many were new. */
  async enqueue(mails: QueuedMail[], db: Db = this.db): Promise<number> {
    if (mails.length === 0) return 0;
    const rows = await db
      .insert(mailQueue)
      .values(
        mails.map((m) => ({
          key: m.key,
          kind: m.kind,
          to: m.to,
          userId: m.userId,
          visitorId: m.visitorId,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers ?? {},
        })),
      )
      .onConflictDoNothing({ target: mailQueue.key })
      .returning({ id: mailQueue.id });
    return rows.length;
  }

  /**
   * Claims up to `limit` due mails for `leaseMs` (SKIP LOCKED: several nodes send at once without
   * taking each other's); a node that dies mid-send leaves them due again when the lease ends.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedMail[]> {
    const result = await this.db.execute(sql`
      with due as (
        select id from mail_queue
        where sent_at is null and failed_at is null and available_at <= now()
        order by available_at limit ${limit}
        for update skip locked
      )
      update mail_queue m set attempts = m.attempts + 1,
        available_at = now() + make_interval(secs => ${leaseMs / 1000})
      from due where m.id = due.id
      returning m.id, m.to, m.subject, m.text, m.html, m.headers, m.attempts`);
    return rowsOf(result).map((r) => ({
      id: r.id as string,
      to: r.to as string,
      subject: r.subject as string,
      text: r.text as string | null,
      html: r.html as string | null,
      headers: jsonOf<Record<string, string>>(r.headers),
      attempts: Number(r.attempts),
    }));
  }

  /** Sent: the body goes (it may hold a one-time link); the row stays for deduplication. */
  async markSent(id: string): Promise<void> {
    await this.db
      .update(mailQueue)
      .set({ sentAt: new Date(), text: null, html: null, lastError: null })
      .where(and(eq(mailQueue.id, id), isNull(mailQueue.sentAt)));
  }

  /** Not accepted: due again after `delayMs`, or set aside (body cleared) when `giveUp`. */
  async retryLater(id: string, error: string, delayMs: number, giveUp: boolean): Promise<void> {
    await this.db.execute(sql`update mail_queue set
        last_error = ${error.slice(0, 1000)},
        available_at = now() + make_interval(secs => ${delayMs / 1000}),
        failed_at = case when ${giveUp} then now() else null end,
        text = case when ${giveUp} then null else text end,
        html = case when ${giveUp} then null else html end
      where id = ${id}`);
  }

  /** Sent or failed a week ago: no cause is redelivered that late. */
  async deleteOld(): Promise<void> {
    await this.db.execute(sql`delete from mail_queue
      where coalesce(sent_at, failed_at) < now() - interval '7 days'`);
  }
}
