import { randomUUID } from 'node:crypto';
import { sleep } from './processes';

/** Where the sender sends: a function, so a test can move it to another node. */
export interface SendTarget {
  baseUrl: () => string;
  projectKey: string;
  visitorToken: string;
  /** Set: every message goes to this conversation. Unset: every message opens a new one (the transaction path). */
  conversationId?: string;
}

export interface SenderOptions {
  perSecond: number;
  /** Wait before retrying after a network error or a 5xx without Retry-After. */
  retryEveryMs?: number;
  /** Retry-After is honoured up to this (a real client would wait the whole of it). */
  maxBackoffMs?: number;
  /** A message still unacknowledged after this is abandoned (reported, never silently dropped). */
  giveUpAfterMs?: number;
  requestTimeoutMs?: number;
}

export interface Ack {
  clientMessageId: string;
  messageId: string;
  conversationId: string;
  seq: number;
  firstTriedAt: number;
  ackedAt: number;
  attempts: number;
}

/** One try: its time and outcome (an HTTP status, or "network" when no answer came). */
export interface Attempt {
  at: number;
  outcome: number | 'network';
  code?: string;
  retryAfter?: string | null;
}

export interface SendReport {
  started: number;
  acknowledged: Ack[];
  /** Answers 200: a retry the server recognised by clientMessageId (not a duplicate row). */
  replayed: number;
  /** How many answers of each status ("network" for no answer). */
  outcomes: Record<string, number>;
  attempts: Attempt[];
  abandoned: string[];
}

/**
 * Sends visitor messages at a steady rate through the widget API, each retried with the same
 * clientMessageId until acknowledged (201, or 200 for a replay) or abandoned. Messages do not wait
 * for each other, so an outage piles up retries as a real crowd of widgets would.
 */
export function steadySender(target: SendTarget, options: SenderOptions) {
  const retryEveryMs = options.retryEveryMs ?? 200;
  const maxBackoffMs = options.maxBackoffMs ?? 1000;
  const giveUpAfterMs = options.giveUpAfterMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const report: SendReport = {
    started: 0,
    acknowledged: [],
    replayed: 0,
    outcomes: {},
    attempts: [],
    abandoned: [],
  };
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let n = 0;

  function record(attempt: Attempt): void {
    report.attempts.push(attempt);
    const key = String(attempt.outcome);
    report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
  }

  async function sendOne(index: number): Promise<void> {
    const clientMessageId = randomUUID();
    const firstTriedAt = Date.now();
    for (let attempts = 1; ; attempts++) {
      let wait = retryEveryMs;
      try {
        const res = await fetch(`${target.baseUrl()}/api/v1/messages`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-project-key': target.projectKey,
            'x-visitor-token': target.visitorToken,
          },
          body: JSON.stringify({
            body: `steady ${index}`,
            clientMessageId,
            conversationId: target.conversationId,
          }),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        const body = (await res.json().catch(() => undefined)) as any;
        const retryAfter = res.headers.get('retry-after');
        record({ at: Date.now(), outcome: res.status, code: body?.error?.code, retryAfter });
        if (res.status === 201 || res.status === 200) {
          if (res.status === 200) report.replayed++;
          const m = body.data.message;
          report.acknowledged.push({
            clientMessageId,
            messageId: m.id,
            conversationId: m.conversationId,
            seq: m.seq,
            firstTriedAt,
            ackedAt: Date.now(),
            attempts,
          });
          return;
        }
        if (retryAfter && Number(retryAfter) >= 0) wait = Math.min(Number(retryAfter) * 1000, maxBackoffMs);
      } catch {
        record({ at: Date.now(), outcome: 'network' });
      }
      if (Date.now() - firstTriedAt > giveUpAfterMs) {
        report.abandoned.push(clientMessageId);
        return;
      }
      await sleep(wait);
    }
  }

  return {
    report,
    start(): void {
      const everyMs = 1000 / options.perSecond;
      timer = setInterval(() => {
        report.started++;
        const p = sendOne(n++).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }, everyMs);
    },
    /** Stops starting messages and waits for those in flight (each bounded by giveUpAfterMs). */
    async stop(): Promise<SendReport> {
      clearInterval(timer);
      await Promise.all(inFlight);
      return report;
    },
  };
}

export type SteadySender = ReturnType<typeof steadySender>;
