import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { rowsOf } from '../../db/raw-rows';
import {
  users,
  webhookDeliveries,
  webhooks,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
} from '../../db/schema';
import { DB } from '../../db/tokens';
import { writeWithOutbox } from '../../platform/outbox/outbox.sql';

export type WebhookFields = Pick<Webhook, 'url' | 'events' | 'includePrivate' | 'description'>;
export type WebhookPatch = Partial<WebhookFields & { enabled: boolean }>;

/** A new delivery: one event for one endpoint. */
export interface NewDelivery {
  webhookId: string;
  outboxId: number | null;
  eventId: string;
  type: string;
  /** The visitor the event concerns: erasing them deletes the row. */
  visitorId?: string | null;
  body: string;
}

/** A claimed delivery with what its attempt needs of its endpoint. */
export interface DueDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  body: string;
  /** This attempt's number. */
  attempt: number;
  url: string;
  secrets: string[];
  /** Whether the endpoint is in a failing run (a success then ends it). */
  endpointFailing: boolean;
}

export interface AttemptOutcome {
  attempt: WebhookAttempt;
  response: string | null;
  /** 'pending' with nextAttemptAt for a retry; 'delivered' or 'failed' settle it. */
  status: WebhookDelivery['status'];
  retryInMs?: number;
}

@Injectable()
export class WebhooksRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async create(projectId: string, fields: WebhookFields, secret: string): Promise<Webhook> {
    const [row] = await this.db
      .insert(webhooks)
      .values({ projectId, ...fields, secret })
      .returning();
    return row;
  }

  listByProject(projectId: string): Promise<Webhook[]> {
    return this.db.select().from(webhooks).where(eq(webhooks.projectId, projectId)).orderBy(webhooks.id);
  }

  async findById(id: string): Promise<Webhook | undefined> {
    const [row] = await this.db.select().from(webhooks).where(eq(webhooks.id, id));
    return row;
  }

  async update(id: string, patch: WebhookPatch): Promise<Webhook> {
    const reenable = patch.enabled === true ? { disabledReason: null, failingSince: null } : {};
    const [row] = await this.db
      .update(webhooks)
      .set({ ...patch, ...reenable, updatedAt: sql`now()` })
      .where(eq(webhooks.id, id))
      .returning();
    return row;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(webhooks).where(eq(webhooks.id, id));
  }

  /** New secret; the current one keeps signing until `overlapMs` from now. */
  async rotateSecret(id: string, secret: string, overlapMs: number): Promise<Webhook> {
    const [row] = await this.db
      .update(webhooks)
      .set({
        previousSecret: webhooks.secret,
        previousSecretExpiresAt: sql`now() + make_interval(secs => ${overlapMs / 1000})`,
        secret,
        updatedAt: sql`now()`,
      })
      .where(eq(webhooks.id, id))
      .returning();
    return row;
  }

  /** Enabled endpoints of these projects (an outbox batch's), whatever they subscribe to. */
  enabledOf(projectIds: string[]): Promise<Webhook[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(webhooks)
      .where(and(inArray(webhooks.projectId, projectIds), eq(webhooks.enabled, true)));
  }

  /** Records deliveries; one already recorded for the same outbox row and endpoint is left alone. */
  async record(rows: NewDelivery[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(webhookDeliveries).values(rows).onConflictDoNothing();
  }

  /** Deletes settled (delivered or failed) deliveries recorded before `cutoff`; returns how many. */
  async deleteSettledBefore(cutoff: Date): Promise<number> {
    const deleted = await this.db
      .delete(webhookDeliveries)
      .where(and(ne(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.createdAt, cutoff)))
      .returning({ id: webhookDeliveries.id });
    return deleted.length;
  }

  async insertDelivery(row: NewDelivery): Promise<WebhookDelivery> {
    const [inserted] = await this.db.insert(webhookDeliveries).values(row).returning();
    return inserted;
  }

  /** Names of these users, by id (message authors of an outbox batch). */
  async namesOf(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, userIds));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Claims up to `limit` due deliveries of enabled endpoints for `leaseMs` (their next_attempt_at
   * moves to the lease's end): SKIP LOCKED and the lease mean no other node makes the same attempt,
   * and a node that dies mid-attempt only delays it.
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const result = await this.db.execute(sql`
      with due as (
        select d.id from webhook_deliveries d join webhooks w on w.id = d.webhook_id
        where d.next_attempt_at <= now() and w.enabled
        order by d.next_attempt_at
        limit ${limit}
        for update of d skip locked
      )
      update webhook_deliveries d set
        attempts = d.attempts + 1,
        next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      from due, webhooks w
      where d.id = due.id and w.id = d.webhook_id
      returning d.id, d.webhook_id, d.event_id, d.type, d.body, d.attempts, w.url, w.secret,
        w.failing_since is not null as endpoint_failing,
        case when w.previous_secret_expires_at > now() then w.previous_secret end as previous_secret`);
    return rowsOf(result).map((r) => ({
      id: r.id as string,
      webhookId: r.webhook_id as string,
      eventId: r.event_id as string,
      type: r.type as string,
      body: r.body as string,
      attempt: Number(r.attempts),
      url: r.url as string,
      secrets: [r.secret as string, r.previous_secret as string | null].filter((s): s is string => !!s),
      endpointFailing: Boolean(r.endpoint_failing),
    }));
  }

  /** Writes attempts' outcomes into their deliveries and logs, all in one statement. */
  async settle(outcomes: { id: string; outcome: AttemptOutcome }[]): Promise<void> {
    if (outcomes.length === 0) return;
    const rows = outcomes.map(({ id, outcome: o }) => ({
      id,
      status: o.status,
      retry_secs: o.status === 'pending' ? (o.retryInMs ?? 0) / 1000 : null,
      status_code: o.attempt.statusCode,
      duration_ms: o.attempt.durationMs,
      error: o.attempt.error,
      response: o.response,
      attempt: o.attempt,
    }));
    await this.db.execute(sql`update webhook_deliveries d set
        status = v.status,
        next_attempt_at = case when v.status = 'pending' then now() + make_interval(secs => v.retry_secs) end,
        last_status_code = v.status_code,
        last_duration_ms = v.duration_ms,
        last_error = v.error,
        last_response = v.response,
        attempt_log = d.attempt_log || jsonb_build_array(v.attempt),
        delivered_at = case when v.status = 'delivered' then now() else d.delivered_at end
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, status text,
        retry_secs double precision, status_code int, duration_ms int, error text, response text, attempt jsonb)
      where d.id = v.id`);
  }

  async markSucceeding(webhookId: string): Promise<void> {
    await this.db
      .update(webhooks)
      .set({ failingSince: null })
      .where(and(eq(webhooks.id, webhookId), sql`${webhooks.failingSince} is not null`));
  }

  /** Starts or continues the endpoint's failing run; returns since when it has been failing. */
  async markFailing(webhookId: string): Promise<Date | undefined> {
    const [row] = await this.db
      .update(webhooks)
      .set({ failingSince: sql`coalesce(${webhooks.failingSince}, now())` })
      .where(eq(webhooks.id, webhookId))
      .returning({ failingSince: webhooks.failingSince });
    return row?.failingSince ?? undefined;
  }

  /**
   * Turns an enabled endpoint off and, in the same statement, writes the webhook.disabled outbox
   * row (the notifications lane mails the team's admins from it). Returns whether it was enabled.
   */
  async disable(webhookId: string, reason: 'gone' | 'failing'): Promise<boolean> {
    const update = this.db
      .update(webhooks)
      .set({ enabled: false, disabledReason: reason, updatedAt: sql`now()` })
      .where(and(eq(webhooks.id, webhookId), eq(webhooks.enabled, true)))
      .returning();
    const rows = await writeWithOutbox(
      this.db,
      update,
      'webhook.disabled',
      sql`jsonb_build_object('webhookId', w.id, 'projectId', w.project_id, 'url', w.url, 'reason', ${reason}::text)`,
    );
    return rows.length > 0;
  }

  /** Newest first, keyset-paginated by id (uuidv7: creation order). */
  listDeliveries(webhookId: string, limit: number, before?: string): Promise<WebhookDelivery[]> {
    return this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.webhookId, webhookId),
          before ? lt(webhookDeliveries.id, before) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit);
  }

  async findDelivery(webhookId: string, id: string): Promise<WebhookDelivery | undefined> {
    const [row] = await this.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId)));
    return row;
  }

  /** Due again now, whatever its state (a replay of a delivered one, or a retry of a failed one). */
  async requeue(id: string): Promise<WebhookDelivery> {
    const [row] = await this.db
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: sql`now()` })
      .where(eq(webhookDeliveries.id, id))
      .returning();
    return row;
  }
}
