/**
 * Where a job runs: 'node' on every node (it works on this node's own state, e.g. its sockets),
 * 'cluster' about once per interval across all nodes (it works on shared state, e.g. a sweep).
 */
export type JobScope = 'node' | 'cluster';

export interface Job {
  /** Unique per runner; a cluster job's lease is keyed by it, so it is unique across the cluster too. */
  name: string;
  everyMs: number;
  scope: JobScope;
  run: () => Promise<unknown>;
}

/** What one tick did: ran the job, found it failing, skipped it (still running here, or leased elsewhere). */
export type TickOutcome = 'ran' | 'failed' | 'busy' | 'lease-held';

/**
 * How long a cluster job's lease lasts: a little less than its interval, so the holder's next tick
 * (never earlier than an interval later, but measured against the database clock after a query's
 * latency) finds it expired and the job does not skip every other interval.
 */
export function leaseMs(everyMs: number): number {
  return Math.round(everyMs - Math.min(everyMs / 10, 5000));
}
