import { Inject, Injectable } from '@nestjs/common';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { outbox } from '../../db/schema';
import { DB } from '../../db/tokens';
import { jsonOf, rowsOf } from '../../db/raw-rows';

/** One claimed outbox row, as consumers see it. */
export interface OutboxEvent {
  /** Increasing, unique: consumers deduplicate redeliveries by it. */
  id: number;
  type: string;
  /** Row snapshots (snake_case, see the table's comment) and event fields. */
  payload: Record<string, unknown>;
  createdAt: Date;
  /** Deliveries so far, this one included. */
  attempts: number;
}

@Injectable()
export class OutboxRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /**
   * Claims up to `limit` due rows, oldest first, for `leaseMs`: they are not due again until then,
   * so a dispatcher that dies mid-batch only delays them. SKIP LOCKED lets dispatchers on several
   * nodes claim at once without waiting on, or handing out, each other's rows. The lease is
   * `leased_until`, which no index holds: a claim rewrites the row in place (HOT) instead of adding
   * two index entries per row, as moving `available_at` did.
   */
  async claim(limit: number, leaseMs: number): Promise<OutboxEvent[]> {
    const result = await this.db.execute(sql`
      with due as (
        select id from outbox
        where failed_at is null and available_at <= now() and (leased_until is null or leased_until <= now())
        order by available_at, id
        limit ${limit}
        for update skip locked
      )
      update outbox o set
        attempts = o.attempts + 1,
        leased_until = now() + make_interval(secs => ${leaseMs / 1000})
      from due where o.id = due.id
      returning o.id, o.type, o.payload, o.created_at, o.attempts`);
    return rowsOf(result)
      .map((r) => ({
        id: Number(r.id),
        type: r.type as string,
        payload: jsonOf(r.payload),
        createdAt: new Date(r.created_at as string),
        attempts: Number(r.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /**
   * With no consumer registered nothing reads the rows: deletes up to `limit` that have been due for
   * `olderThanMs`, in one statement, without reading their payloads. Returns how many went.
   */
  async discardDue(limit: number, olderThanMs: number): Promise<number> {
    const result = await this.db.execute(sql`
      delete from outbox where id in (
        select id from outbox
        where failed_at is null and available_at <= now() - make_interval(secs => ${olderThanMs / 1000})
          -- a row another node (with consumers) has claimed is its to deliver or retry
          and (leased_until is null or leased_until <= now())
        order by available_at, id
        limit ${limit}
        for update skip locked)`);
    const counted = result as unknown as { rowCount?: number | null; affectedRows?: number };
    return counted.rowCount ?? counted.affectedRows ?? 0;
  }

  /** Gives claimed rows back undelivered (shutdown, or a lease about to end): due at once, no attempt counted. */
  async handBack(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(outbox)
      .set({ leasedUntil: null, attempts: sql`${outbox.attempts} - 1` })
      .where(inArray(outbox.id, ids));
  }

  /** Done: every consumer took them. */
  async delete(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(outbox).where(inArray(outbox.id, ids));
  }

  /** A consumer failed: due again after `delayMs`, or set aside for good when `giveUp`. */
  async retryLater(id: number, error: string, delayMs: number, giveUp: boolean): Promise<void> {
    await this.db.execute(sql`update outbox set
        last_error = ${error.slice(0, 1000)},
        available_at = now() + make_interval(secs => ${delayMs / 1000}),
        leased_until = null,
        failed_at = case when ${giveUp} then now() else null end
      where id = ${id}`);
  }

  /** Rows still to deliver, and rows set aside after too many attempts. */
  async backlog(): Promise<{ pending: number; failed: number }> {
    const [row] = rowsOf(
      await this.db.execute(sql`select
          count(*) filter (where failed_at is null)::int as pending,
          count(*) filter (where failed_at is not null)::int as failed
        from outbox`),
    );
    return { pending: Number(row.pending), failed: Number(row.failed) };
  }
}
