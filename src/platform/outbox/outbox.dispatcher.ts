import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { JobRunner } from '../jobs/job-runner.service';
import { OutboxRepository, type OutboxEvent } from './outbox.repository';

/**
 * A system that must hear about events. It gets each at least once, so it must be idempotent by
 * `event.id`, and it should be quick (record the work, e.g. a delivery row, and do it elsewhere):
 * a call that takes longer than CONSUMER_TIMEOUT_MS counts as failed.
 */
export interface OutboxConsumer {
  name: string;
  handle(event: OutboxEvent): Promise<void>;
  /**
   * Optional: takes a whole claimed batch at once (one lookup and one insert for all its events
   * rather than per event). If it fails, the batch's events go to `handle` one by one, so one bad
   * event is retried alone.
   */
  handleBatch?(events: OutboxEvent[]): Promise<void>;
}

const BATCH = 100;
/** How often every node looks for due rows (retries, and rows of nodes that died before dispatching). */
const POLL_MS = 1000;
/** After a commit's in-process event, dispatch this soon (sends in between share the drain). */
const NUDGE_MS = 20;
/** How long a claimed batch is this dispatcher's before it is due again (a crashed node's batch). */
const LEASE_MS = 60_000;
/** What is left of a batch this close to its lease's end goes back, rather than race a re-claim. */
const LEASE_MARGIN_MS = 10_000;
const CONSUMER_TIMEOUT_MS = 10_000;
/**
 * With no consumer registered rows are kept this long, then deleted unread: a consumer that ships
 * in a rolling deploy still gets what was written while older nodes were running.
 */
const UNCONSUMED_RETENTION_MS = 15 * 60_000;
/** After this many failed deliveries a row is set aside (failed_at) for an operator to look at. */
const MAX_ATTEMPTS = 20;
const MAX_BACKOFF_MS = 3_600_000;

/** 1 s, 2 s, 4 s … capped at an hour: about a day of retries in all before a row is set aside. */
const backoffMs = (attempts: number): number => Math.min(1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);

/**
 * Hands claimed outbox rows to every registered consumer, in id order within a batch. A row is
 * deleted once all consumers took it; if one fails, the row is retried later for all of them
 * (hence idempotent consumers). Runs on every node: while a claim's lease holds, no other node
 * gets its rows (see OutboxRepository.claim).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly consumers: OutboxConsumer[] = [];
  private draining?: Promise<number>;
  /** A drain was asked for while one ran: it claims once more (rows committed after its last claim). */
  private drainAgain = false;
  private nudge?: NodeJS.Timeout;
  private paused = false;
  private stopping = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.register({ name: 'outbox.dispatch', everyMs: POLL_MS, scope: 'node', run: () => this.drain() });
    // Consumers hear of a commit at once: its in-process event follows the commit of its outbox row.
    this.unsubscribe = this.events.subscribe(() => {
      if (this.consumers.length === 0 || this.nudge) return;
      this.nudge = setTimeout(() => {
        this.nudge = undefined;
        this.dispatchInBackground();
      }, NUDGE_MS).unref();
    });
  }

  /** Stops claiming, hands back what is left of the batch in hand, and waits for that drain. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    clearTimeout(this.nudge);
    await this.draining?.catch(() => undefined);
  }

  register(consumer: OutboxConsumer): void {
    this.consumers.push(consumer);
  }

  /** Removes a consumer by name (tests of the no-consumer path; a future operator switch). */
  unregister(name: string): void {
    const i = this.consumers.findIndex((c) => c.name === name);
    if (i >= 0) this.consumers.splice(i, 1);
  }

  /** Stops claiming rows until resume() (tests that read the table; a future operator switch). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Dispatches until nothing is due; concurrent calls share one drain. Returns the rows handled. */
  drain(): Promise<number> {
    if (this.paused || this.stopping) return Promise.resolve(0);
    if (this.draining) this.drainAgain = true;
    this.draining ??= this.drainAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private dispatchInBackground(): void {
    this.drain().catch((err: unknown) =>
      this.logger.warn(`outbox dispatch failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private async drainAll(): Promise<number> {
    let handled = 0;
    if (this.consumers.length === 0) {
      for (let n = BATCH; n === BATCH; handled += n) {
        n = await this.repo.discardDue(BATCH, UNCONSUMED_RETENTION_MS);
      }
      return handled;
    }
    // pause() takes effect between batches too (a drain asked for again would otherwise keep claiming).
    while (!this.stopping && !this.paused) {
      this.drainAgain = false;
      const batch = await this.repo.claim(BATCH, LEASE_MS);
      const handBackAfter = Date.now() + LEASE_MS - LEASE_MARGIN_MS;
      const done: number[] = [];
      const perEvent = await this.handBatch(batch);
      // Every consumer took the whole batch: nothing is left to hand back.
      const oneByOne = perEvent.length > 0 ? batch : [];
      if (oneByOne.length === 0) done.push(...batch.map((e) => e.id));
      handled += batch.length - oneByOne.length;
      for (const [i, event] of oneByOne.entries()) {
        if (this.stopping || Date.now() > handBackAfter) {
          await this.repo.handBack(oneByOne.slice(i).map((e) => e.id));
          break;
        }
        const error = await this.deliver(event, perEvent);
        if (!error) done.push(event.id);
        else
          await this.repo.retryLater(
            event.id,
            error,
            backoffMs(event.attempts),
            event.attempts >= MAX_ATTEMPTS,
          );
        handled += 1;
      }
      await this.repo.delete(done);
      if (batch.length < BATCH && !this.drainAgain) break;
    }
    return handled;
  }

  /**
   * Hands the batch at once to the consumers that take batches (concurrently). Returns the consumers
   * that still need each event on its own: those without handleBatch, and those whose batch failed.
   */
  private async handBatch(batch: OutboxEvent[]): Promise<OutboxConsumer[]> {
    if (batch.length === 0) return [];
    const failed = new Set<OutboxConsumer>();
    const batched = this.consumers.filter((c) => c.handleBatch);
    await Promise.all(
      batched.map(async (consumer) => {
        try {
          await withTimeout(consumer.handleBatch!(batch), CONSUMER_TIMEOUT_MS);
        } catch (err) {
          failed.add(consumer);
          this.logger.warn(
            `outbox batch of ${batch.length} not taken by ${consumer.name} (now one by one): ${messageOf(err)}`,
          );
        }
      }),
    );
    return this.consumers.filter((c) => !c.handleBatch || failed.has(c));
  }

  /** Hands the event to each consumer; the first failure's message, or undefined when all took it. */
  private async deliver(event: OutboxEvent, consumers: OutboxConsumer[]): Promise<string | undefined> {
    for (const consumer of consumers) {
      try {
        await withTimeout(consumer.handle(event), CONSUMER_TIMEOUT_MS);
      } catch (err) {
        const message = `${consumer.name}: ${messageOf(err)}`;
        this.logger.warn(`outbox event ${event.id} (${event.type}) not delivered: ${message}`);
        return message;
      }
    }
    return undefined;
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms).unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
