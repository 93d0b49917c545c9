/** Messages between the delivery scenario and its load generator children (widget-load.ts). */

export interface LoadVisitor {
  visitorToken: string;
  conversationId: string;
}

export type LoadCommand =
  | { type: 'connect'; base: string; projectKey: string; visitors: LoadVisitor[]; concurrency: number }
  | {
      type: 'send';
      /** Absolute ms (performance.timeOrigin + now()) of the schedule's message 0. */
      startAt: number;
      /** Aggregate rate of all children together. */
      ratePerSec: number;
      /** This child's place among `stride` children on the global schedule. */
      slot: number;
      stride: number;
      /** Messages this child sends. */
      count: number;
      ackTimeoutMs: number;
    }
  | { type: 'close' };

export interface SendRecord {
  clientMessageId: string;
  /** When the schedule wanted it sent (absolute ms). */
  dueAt: number;
  /** When it was emitted (absolute ms); emitAt − dueAt is the generator's own lag. */
  emitAt: number;
  /** When its ack came back (absolute ms), 0 if none. */
  ackAt: number;
  /** '' when acked; 'timeout' or the failed ack's body otherwise. */
  error: string;
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export type LoadReply =
  | { type: 'connected'; count: number }
  | { type: 'done'; records: SendRecord[]; loopDelayMs: LoopDelay; cpuMs: number }
  | { type: 'failed'; message: string };
