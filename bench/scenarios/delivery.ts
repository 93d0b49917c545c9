import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { sendWidgetMessage } from '../lib/api';
import { withServer } from '../lib/env';
import { fmt, type ScenarioOptions, type ScenarioResult, type TargetRow } from '../lib/results';
import { closeAll, connectSocket } from '../lib/sockets';
import { log, mapLimit, printTable, round, sleep, summarize, type LatencySummary } from '../lib/util';

const AGENT_SOCKETS = 2;
const DRAIN_MS = 5_000;
const ACK_TIMEOUT_MS = 5_000;

interface Sent {
  at: number;
  acked: boolean;
  /** message ids seen per agent socket */
  seenBy: number;
}

interface RunFigures {
  conversations: number;
  agentSockets: number;
  ratePerSec: number;
  durationSec: number;
  sent: number;
  acked: number;
  ackErrors: number;
  ackTimeouts: number;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  duplicated: number;
  latencyMs: LatencySummary;
  ackLatencyMs: LatencySummary;
}

/**
 * N visitors, each with its own conversation and widget socket, send over the socket at a steady
 * aggregate rate; AGENT_SOCKETS agent sockets (one logged-in agent, several tabs) should each see every
 * message exactly once. Latency is emit(message.send) → message.created at the agent, same clock.
 */
async function runOnce(n: number, quick: boolean): Promise<RunFigures> {
  return withServer(`delivery N=${n}`, async (env) => {
    // One message per visitor every max(1 s, N/200 s): 100/s at N=100, 200/s at N=1,000.
    const intervalMs = Math.max(1000, (n / 200) * 1000);
    const ratePerSec = round((n * 1000) / intervalMs, 1);
    const durationSec = quick ? 8 : 20;
    const total = Math.round(ratePerSec * durationSec);

    log(`delivery N=${n}: creating ${n} conversations`);
    const convs = await mapLimit(Array.from({ length: n }), 8, () =>
      sendWidgetMessage(env.base, env.project),
    );

    const sockets: Socket[] = [];
    try {
      const agents = await mapLimit(Array.from({ length: AGENT_SOCKETS }), AGENT_SOCKETS, () =>
        connectSocket(`${env.base}/agent`, { token: env.agent.accessToken }),
      );
      sockets.push(...agents);
      log(`delivery N=${n}: connecting ${n} widget sockets`);
      const widgets = await mapLimit(convs, 50, (c) =>
        connectSocket(`${env.base}/widget`, {
          projectKey: env.project.publicKey,
          visitorToken: c.visitorToken,
        }),
      );
      sockets.push(...widgets);
      await sleep(500); // let the gateways finish joining rooms

      const sent = new Map<string, Sent>();
      const latencies: number[] = [];
      const ackLatencies: number[] = [];
      let delivered = 0;
      let duplicated = 0;
      let ackErrors = 0;
      let ackTimeouts = 0;
      let firstAckError: unknown;
      agents.forEach((agent, a) => {
        const seen = new Set<string>();
        agent.on('message.created', (payload: any) => {
          const m = payload?.message;
          const s = m && sent.get(m.clientMessageId);
          if (!s) return; // not one of ours (e.g. the conversation-opening messages)
          if (seen.has(m.id)) {
            duplicated++;
            return;
          }
          seen.add(m.id);
          s.seenBy |= 1 << a;
          delivered++;
          latencies.push(performance.now() - s.at);
        });
      });

      log(`delivery N=${n}: ${total} messages at ${ratePerSec}/s over ${durationSec}s`);
      const start = performance.now();
      let k = 0;
      const body = 'Is anyone there? I have a question about the premium plan.';
      // A bounded dispatcher: message k is due at start + k / rate.
      while (k < total && performance.now() - start < (durationSec + 10) * 1000) {
        const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSec) / 1000) + 1);
        for (; k < due; k++) {
          const i = k % n;
          const clientMessageId = randomUUID();
          const entry: Sent = { at: performance.now(), acked: false, seenBy: 0 };
          sent.set(clientMessageId, entry);
          widgets[i]
            .timeout(ACK_TIMEOUT_MS)
            .emit(
              'message.send',
              { conversationId: convs[i].conversationId, body, clientMessageId },
              (err: unknown, res: any) => {
                if (err) ackTimeouts++;
                else if (res?.ok) {
                  entry.acked = true;
                  ackLatencies.push(performance.now() - entry.at);
                } else {
                  ackErrors++;
                  firstAckError ??= res;
                }
              },
            );
        }
        await sleep(2);
      }
      const ackedCount = () => [...sent.values()].filter((s) => s.acked).length;
      const drainUntil = performance.now() + DRAIN_MS;
      while (performance.now() < drainUntil) {
        if (ackErrors + ackTimeouts + ackedCount() === sent.size && delivered >= ackedCount() * AGENT_SOCKETS)
          break;
        await sleep(50);
      }
      await sleep(200); // a late duplicate would land here
      if (firstAckError)
        log(`delivery N=${n}: first failed ack: ${JSON.stringify(firstAckError).slice(0, 300)}`);
      const acked = ackedCount();
      const expectedDeliveries = acked * AGENT_SOCKETS;
      let lost = 0;
      for (const s of sent.values()) {
        if (!s.acked) continue;
        for (let a = 0; a < AGENT_SOCKETS; a++) if (!(s.seenBy & (1 << a))) lost++;
      }
      return {
        conversations: n,
        agentSockets: AGENT_SOCKETS,
        ratePerSec,
        durationSec,
        sent: sent.size,
        acked,
        ackErrors,
        ackTimeouts,
        expectedDeliveries,
        delivered,
        lost,
        duplicated,
        latencyMs: summarize(latencies),
        ackLatencyMs: summarize(ackLatencies),
      };
    } finally {
      closeAll(sockets);
    }
  });
}

export async function runDelivery(opts: ScenarioOptions): Promise<ScenarioResult> {
  const sizes = opts.quick ? [100] : [100, 1000];
  const runs: RunFigures[] = [];
  for (const n of sizes) runs.push(await runOnce(n, opts.quick));
  printTable(
    `Delivery: widget message.send → agent message.created (${AGENT_SOCKETS} agent sockets)`,
    [
      'conversations',
      'msg/s',
      'sent',
      'acked',
      'send errors',
      'p50 ms',
      'p99 ms',
      'max ms',
      'ack p50',
      'ack p99',
      'lost',
      'dup',
    ],
    runs.map((r) => [
      r.conversations,
      r.ratePerSec,
      r.sent,
      r.acked,
      r.ackErrors + r.ackTimeouts,
      r.latencyMs.p50,
      r.latencyMs.p99,
      r.latencyMs.max,
      r.ackLatencyMs.p50,
      r.ackLatencyMs.p99,
      r.lost,
      r.duplicated,
    ]),
  );
  const targets: TargetRow[] = runs.map((r) => ({
    scenario: 'Delivery',
    metric: `p99 send→agent @${r.conversations} conv, ${r.ratePerSec} msg/s`,
    target: r.conversations >= 1000 ? '< 25 ms, 0 lost, 0 dup' : '(target is @1,000) 0 lost, 0 dup',
    measured: `p99 ${fmt(r.latencyMs.p99)} ms (p50 ${fmt(r.latencyMs.p50)}, max ${fmt(r.latencyMs.max)}); lost ${r.lost}, dup ${r.duplicated}, send errors ${r.ackErrors + r.ackTimeouts}`,
    baseline: '—',
    ratio: '—',
    met:
      r.acked > 0 &&
      r.lost === 0 &&
      r.duplicated === 0 &&
      r.ackErrors + r.ackTimeouts === 0 &&
      (r.conversations < 1000 || r.latencyMs.p99 < 25),
  }));
  return { figures: { runs }, targets };
}
