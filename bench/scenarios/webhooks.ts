import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startWebhookReceiver, type ReceivedWebhook } from '../../test/support/webhook-receiver';
import { expectStatus } from '../lib/http';
import { sendWidgetMessage } from '../lib/api';
import { withServer } from '../lib/env';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, mapLimit, printTable, round, sleep, summarize, type LatencySummary } from '../lib/util';

const RATE_PER_SEC = 100;
const CONVERSATIONS = 20;
const TARGET_P99_MS = 250;
const DRAIN_MS = 10_000;

interface Figures {
  ratePerSec: number;
  sent: number;
  /** Sends the server acknowledged (201) within 10 s. */
  acked: number;
  firstAttempts: number;
  missing: number;
  /** Send request start → first attempt at the receiver (the commit lies in between). */
  latencyMs: LatencySummary;
  /** The send's 201 → first attempt: what the outbox and the webhook sender add after the commit. */
  ackToAttemptMs: LatencySummary;
  /** The floor: a direct POST of the same body to the same receiver, on a new connection as the sender's. */
  directPostMs: LatencySummary;
}

/** One POST to the receiver on a fresh connection, as a webhook attempt makes it. */
function directPost(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => res.resume().on('end', resolve));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Widget sends at a steady RATE_PER_SEC, each recorded in the outbox in the send's own statement; a
 * webhook subscribed to message.created gets every one. Latency is send → first attempt, same clock;
 * the send's 201 → first attempt is the part after the commit.
 */
async function run(quick: boolean): Promise<Figures> {
  const receiver = await startWebhookReceiver();
  try {
    return await withServer(
      'webhooks',
      async (env) => {
        const created = await expectStatus(
          201,
          'POST',
          `${env.base}/api/v1/projects/${env.project.id}/webhooks`,
          {
            headers: { authorization: `Bearer ${env.agent.accessToken}` },
            body: { url: receiver.url, events: ['message.created'] },
          },
        );
        log(`webhooks: endpoint ${created.data.id} → ${receiver.url}`);
        const convs = await mapLimit(Array.from({ length: CONVERSATIONS }), 4, () =>
          sendWidgetMessage(env.base, env.project),
        );
        await sleep(1500); // the opening messages' deliveries are out of the way
        receiver.received.length = 0;

        const durationSec = quick ? 8 : 20;
        const total = RATE_PER_SEC * durationSec;
        const sentAt = new Map<string, number>();
        const ackedAt = new Map<string, number>();
        const start = performance.now();
        let k = 0;
        const sends: Promise<unknown>[] = [];
        while (k < total) {
          const due = Math.min(total, Math.floor(((performance.now() - start) * RATE_PER_SEC) / 1000) + 1);
          for (; k < due; k++) {
            const c = convs[k % CONVERSATIONS];
            const body = `bench ${k}`;
            sentAt.set(body, performance.now());
            sends.push(
              sendWidgetMessage(env.base, env.project, { ...c, body }).then(
                () => ackedAt.set(body, performance.now()),
                (err: unknown) => log(`webhooks: send failed: ${String(err)}`),
              ),
            );
          }
          await sleep(2);
        }
        await Promise.all(sends);
        const bodyOf = (r: ReceivedWebhook) => r.body?.data?.message?.body as string | undefined;
        const deadline = performance.now() + DRAIN_MS;
        while (performance.now() < deadline && new Set(receiver.received.map(bodyOf)).size < total)
          await sleep(50);

        const firstArrival = new Map<string, number>();
        for (const r of receiver.received) {
          const body = bodyOf(r);
          if (body && sentAt.has(body) && !firstArrival.has(body)) firstArrival.set(body, r.at);
        }
        const latencies = [...firstArrival].map(([body, at]) => at - sentAt.get(body)!);
        const afterAck = [...firstArrival]
          .filter(([body]) => ackedAt.has(body))
          .map(([body, at]) => at - ackedAt.get(body)!);

        // Same run, same receiver: how long the bare HTTP hop takes.
        const sample = receiver.received[0]?.raw ?? '{}';
        const direct: number[] = [];
        for (let i = 0; i < 200; i++) {
          const t0 = performance.now();
          const arrived = receiver.waitFor(receiver.received.length + 1, () => true, 5000);
          await directPost(receiver.url, sample);
          await arrived;
          direct.push(receiver.received.at(-1)!.at - t0);
        }
        return {
          ratePerSec: RATE_PER_SEC,
          sent: total,
          acked: ackedAt.size,
          firstAttempts: firstArrival.size,
          missing: [...ackedAt.keys()].filter((body) => !firstArrival.has(body)).length,
          latencyMs: summarize(latencies),
          ackToAttemptMs: summarize(afterAck),
          directPostMs: summarize(direct),
        };
      },
      // development: http to the local receiver (production sends to https only).
      { NODE_ENV: 'development', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' },
    );
  } finally {
    await receiver.close();
  }
}

export async function runWebhooks(opts: ScenarioOptions): Promise<ScenarioResult> {
  const r = await run(opts.quick);
  printTable(
    `Webhooks: widget send → first delivery attempt at a local receiver (${r.ratePerSec} events/s)`,
    [
      'events/s',
      'sent',
      'acked',
      'first attempts',
      'missing',
      'p50 ms',
      'p99 ms',
      'max ms',
      'ack→attempt p50',
      'p99',
      'direct POST p50',
      'p99',
    ],
    [
      [
        r.ratePerSec,
        r.sent,
        r.acked,
        r.firstAttempts,
        r.missing,
        r.latencyMs.p50,
        r.latencyMs.p99,
        r.latencyMs.max,
        r.ackToAttemptMs.p50,
        r.ackToAttemptMs.p99,
        r.directPostMs.p50,
        r.directPostMs.p99,
      ],
    ],
  );
  return {
    figures: { ...r },
    targets: [
      {
        scenario: 'Webhooks',
        metric: `p99 send→first attempt @${r.ratePerSec} events/s`,
        target: `< ${TARGET_P99_MS} ms, none missing`,
        measured: `p99 ${fmt(r.latencyMs.p99)} ms (p50 ${fmt(r.latencyMs.p50)}, max ${fmt(r.latencyMs.max)}); 201→attempt p99 ${fmt(r.ackToAttemptMs.p99)} ms; acked ${r.acked}/${r.sent}, missing ${r.missing}`,
        baseline: `direct POST p99 ${fmt(r.directPostMs.p99)} ms`,
        ratio: r.directPostMs.p99 > 0 ? `${round(r.latencyMs.p99 / r.directPostMs.p99, 1)}×` : '—',
        met: r.acked === r.sent && r.missing === 0 && r.latencyMs.p99 < TARGET_P99_MS,
      },
    ],
  };
}
