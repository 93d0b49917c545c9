import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { JobRunner } from '../../platform/jobs/job-runner.service';
import { OutboxDispatcher } from '../../platform/outbox/outbox.dispatcher';
import type { OutboxEvent } from '../../platform/outbox/outbox.repository';
import { DISABLE_AFTER_FAILING_MS, MAX_ATTEMPTS, nextRetryMs } from './retry-schedule';
import { signatureHeader } from './signature';
import type { UrlPolicy } from './url-guard';
import { WriteCoalescer } from './write-coalescer';
import { authorIdOf, deliverableEvents, deliveriesOf, targetsOf } from './webhook-recording';
import { sendWebhook, type SendResult } from './webhook-sender';
import { WebhooksRepository, type AttemptOutcome, type DueDelivery } from './webhooks.repository';

/** Attempts in flight on this node at most (each may wait up to the 10 s timeout). */
const MAX_IN_FLIGHT = 32;
/** A claimed attempt is this node's until then; longer than the request timeout. */
const LEASE_MS = 60_000;
const POLL_MS = 1000;

/**
 * Webhook delivery in two steps. The outbox consumer only records a delivery row per subscribed
 * endpoint (idempotent by outbox row × endpoint), then nudges the sender. The sender runs on every
 * node: it claims due rows (SKIP LOCKED, under a lease), makes the HTTP attempt and writes its outcome:
 * delivered, retry later (backoff, or Retry-After on 429/503), or given up (410, last attempt).
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly policy: UrlPolicy;
  private readonly baseMs: number;
  private readonly running = new Set<Promise<void>>();
  private claiming?: Promise<void>;
  private claimAgain = false;
  private stopping = false;
  /** Outcomes of attempts that end together are written in one statement. */
  private readonly settled = new WriteCoalescer<{ id: string; outcome: AttemptOutcome }>((outcomes) =>
    this.repo.settle(outcomes),
  );

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = {
      allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      httpsOnly: config.isProduction,
    };
    this.baseMs = config.WEBHOOK_RETRY_BASE_MS;
  }

  get urlPolicy(): UrlPolicy {
    return this.policy;
  }

  onModuleInit(): void {
    this.dispatcher.register({
      name: 'webhooks',
      handle: (event) => this.record(event),
      handleBatch: (events) => this.recordBatch(events),
    });
    this.jobs.register({ name: 'webhooks.deliver', everyMs: POLL_MS, scope: 'node', run: () => this.kick() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.claiming?.catch(() => undefined);
    await Promise.allSettled([...this.running]);
  }

  /** The outbox consumer for one event (see recordBatch). */
  record(event: OutboxEvent): Promise<void> {
    return this.recordBatch([event]);
  }

  /**
   * The outbox consumer: one delivery row per endpoint that wants each event, for a whole batch in
   * three statements (endpoints of its projects, authors' names, one insert), then one nudge.
   */
  async recordBatch(events: OutboxEvent[]): Promise<void> {
    const deliverable = deliverableEvents(events);
    if (deliverable.length === 0) return;
    const endpoints = await this.repo.enabledOf([...new Set(deliverable.map((d) => d.projectId))]);
    const wanted = deliverable
      .map((d) => ({ ...d, targets: targetsOf(d.event, d.projectId, endpoints) }))
      .filter((d) => d.targets.length > 0);
    if (wanted.length === 0) return;
    const authorIds = wanted.map((d) => authorIdOf(d.event)).filter((id): id is string => !!id);
    const names = await this.repo.namesOf([...new Set(authorIds)]);
    const rows = wanted.flatMap((d) => {
      const authorId = authorIdOf(d.event);
      return deliveriesOf(d.event, d.projectId, d.targets, authorId ? (names.get(authorId) ?? null) : null);
    });
    await this.repo.record(rows);
    void this.kick();
  }

  /**
   * Claims and starts due attempts until none is due or MAX_IN_FLIGHT are running. Calls meanwhile
   * share the claim loop (and make it look once more, for rows recorded after its last look).
   */
  kick(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.claiming) {
      this.claimAgain = true;
      return this.claiming;
    }
    this.claiming = this.claimLoop()
      .catch((err: unknown) => this.logger.warn(`claiming webhook deliveries failed: ${messageOf(err)}`))
      .finally(() => (this.claiming = undefined));
    return this.claiming;
  }

  /** Resolves when nothing is being claimed or sent on this node (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.claiming || this.running.size > 0) {
      await this.claiming;
      await Promise.allSettled([...this.running]);
    }
  }

  private async claimLoop(): Promise<void> {
    do {
      this.claimAgain = false;
      while (!this.stopping) {
        const room = MAX_IN_FLIGHT - this.running.size;
        if (room <= 0) break;
        const batch = await this.repo.claimDue(room, LEASE_MS);
        for (const delivery of batch) this.start(delivery);
        if (batch.length < room) break;
      }
    } while (this.claimAgain && !this.stopping);
  }

  private start(delivery: DueDelivery): void {
    const run: Promise<void> = this.attempt(delivery)
      .catch((err: unknown) =>
        // The row stays leased and is tried again when the lease ends.
        this.logger.warn(`webhook delivery ${delivery.id} attempt not recorded: ${messageOf(err)}`),
      )
      .finally(() => {
        this.running.delete(run);
        if (this.running.size === MAX_IN_FLIGHT - 1) void this.kick();
      });
    this.running.add(run);
  }

  private async attempt(d: DueDelivery): Promise<void> {
    const at = new Date();
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Spectre-Webhooks/1.0',
      'Spectre-Event-Id': d.eventId,
      'Spectre-Event-Type': d.type,
      'Spectre-Delivery-Id': d.id,
      'Spectre-Delivery-Attempt': String(d.attempt),
      'Spectre-Signature': signatureHeader(d.secrets, d.body, at),
    };
    const result = await sendWebhook(d.url, headers, d.body, this.policy);
    const outcome = this.outcomeOf(d, result, at);
    await this.settled.add({ id: d.id, outcome });
    if (outcome.status === 'delivered') {
      if (d.endpointFailing) await this.repo.markSucceeding(d.webhookId);
    } else if (result.statusCode === 410) await this.disable(d, 'gone');
    else {
      const since = await this.repo.markFailing(d.webhookId);
      if (since && Date.now() - since.getTime() >= DISABLE_AFTER_FAILING_MS) await this.disable(d, 'failing');
    }
  }

  private outcomeOf(d: DueDelivery, r: SendResult, at: Date): AttemptOutcome {
    const attempt = {
      attempt: d.attempt,
      at: at.toISOString(),
      statusCode: r.statusCode,
      durationMs: r.durationMs,
      error: r.error,
    };
    const base = { attempt, response: r.response };
    if (r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300)
      return { ...base, status: 'delivered' };
    if (r.statusCode === 410 || d.attempt >= MAX_ATTEMPTS) return { ...base, status: 'failed' };
    const retryInMs = nextRetryMs(r, d.attempt, this.baseMs);
    return { ...base, status: 'pending', retryInMs };
  }

  private async disable(d: DueDelivery, reason: 'gone' | 'failing'): Promise<void> {
    if (await this.repo.disable(d.webhookId, reason))
      this.logger.warn(
        `webhook ${d.webhookId} disabled (${reason === 'gone' ? 'answered 410' : 'failing for 3 days'})`,
      );
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
