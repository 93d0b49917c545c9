import {
  Logger,
  type BeforeApplicationShutdown,
  type LoggerService,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { serializeError } from '../security/log-redaction';
import { JobLeasesRepository } from './job-leases.repository';
import { leaseMs, type Job, type TickOutcome } from './job';
import { nodeIdentity } from './node-identity';

interface ScheduledJob extends Job {
  timer?: NodeJS.Timeout;
  /** The run in progress on this node, if any: a tick meanwhile is skipped. */
  inFlight?: Promise<unknown>;
}

/**
 * Runs the registered jobs every `everyMs` on this node from application bootstrap until shutdown.
 * Cluster jobs first take their lease, so only one node runs each interval's turn. Timers do not
 * keep the process alive; a failed run is logged and the next tick goes ahead.
 */
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly nodeId = nodeIdentity();
  private readonly jobs = new Map<string, ScheduledJob>();
  private state: 'registering' | 'started' | 'stopped' = 'registering';

  constructor(
    private readonly leases: JobLeasesRepository,
    private readonly logger: LoggerService = new Logger('Jobs'),
  ) {}

  /** Adds a job; its timer starts on bootstrap (at once when registered later). */
  register(job: Job): void {
    if (this.jobs.has(job.name)) throw new Error(`Job "${job.name}" is already registered`);
    if (!(job.everyMs > 0)) throw new Error(`Job "${job.name}" needs a positive everyMs`);
    const scheduled: ScheduledJob = { ...job };
    this.jobs.set(job.name, scheduled);
    if (this.state === 'started') this.schedule(scheduled);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  // Before onApplicationShutdown, where the database pool and Redis close: a run still going
  // finishes against an open pool, and none starts after.
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.state !== 'registering') return;
    this.state = 'started';
    for (const job of this.jobs.values()) this.schedule(job);
  }

  /** Stops every timer and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    for (const job of this.jobs.values()) clearInterval(job.timer);
    await Promise.allSettled([...this.jobs.values()].map((job) => job.inFlight));
  }

  /** One scheduled tick of a job, as its timer does it (public so tests can drive ticks). */
  tick(name: string): Promise<TickOutcome> {
    const job = this.job(name);
    if (job.inFlight) return Promise.resolve('busy');
    return this.track(job, async (): Promise<TickOutcome> => {
      const mine =
        job.scope === 'node' || (await this.leases.claim(job.name, leaseMs(job.everyMs), this.nodeId));
      if (!mine) return 'lease-held';
      await job.run();
      return 'ran';
    }).catch((err: unknown) => {
      this.logger.warn(`Job ${job.name} failed: ${failureMessage(err)}`);
      return 'failed' as const;
    });
  }

  /**
   * Runs a job's body once on this node now, without its lease (for tests and manual triggers);
   * waits for a run in progress first, so runs still never overlap. Its error is thrown, not logged.
   */
  async runNow(name: string): Promise<unknown> {
    const job = this.job(name);
    while (job.inFlight) await job.inFlight.catch(() => undefined);
    return this.track(job, job.run);
  }

  private schedule(job: ScheduledJob): void {
    job.timer = setInterval(() => void this.tick(job.name), job.everyMs).unref();
  }

  /** Marks `body` as the job's run in progress (before it starts) until it settles. */
  private track<T>(job: ScheduledJob, body: () => Promise<T>): Promise<T> {
    const running = Promise.resolve()
      .then(body)
      .finally(() => (job.inFlight = undefined));
    job.inFlight = running;
    return running;
  }

  private job(name: string): ScheduledJob {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No job "${name}" is registered`);
    return job;
  }
}

/** A failure's message and its cause's (Drizzle's "Failed query" wraps the driver's), no parameters. */
function failureMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { message, cause } = serializeError(err);
  const causeMessage = (cause as { message?: string } | undefined)?.message;
  return causeMessage ? `${message} (${causeMessage})` : message;
}
