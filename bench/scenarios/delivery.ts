import { fmt, type ScenarioOptions, type ScenarioResult, type TargetRow } from '../lib/results';
import { log, printTable } from '../lib/util';
import { AGENT_SOCKETS, runDeliveryOnce, type RunFigures, type RunSpec } from './delivery-run';

/** Issue 16: p99 send → agent at 5,000 conversations and 500 msg/s, on one node and across two. */
const TARGET_P99_MS: Record<RunSpec['nodes'], number> = { 1: 15, 2: 25 };

const envInt = (name: string): number | undefined =>
  process.env[name] ? Number(process.env[name]) : undefined;

/**
 * Full: N=5,000 at 500 msg/s for 20 s; quick: N=500 at 100 msg/s for 8 s; each on one node and on
 * two. BENCH_DELIVERY_N, _RATE, _SECONDS, _GENERATORS and _NODES (1, 2 or 1,2) override for probes.
 */
function specs(quick: boolean): RunSpec[] {
  const conversations = envInt('BENCH_DELIVERY_N') ?? (quick ? 500 : 5000);
  const ratePerSec = envInt('BENCH_DELIVERY_RATE') ?? (quick ? 100 : 500);
  const durationSec = envInt('BENCH_DELIVERY_SECONDS') ?? (quick ? 8 : 20);
  const generators = envInt('BENCH_DELIVERY_GENERATORS') ?? (ratePerSec > 200 ? 2 : 1);
  const nodes = (process.env.BENCH_DELIVERY_NODES ?? '1,2').split(',').map(Number) as RunSpec['nodes'][];
  return nodes.map((n) => ({
    conversations,
    ratePerSec,
    durationSec,
    warmupSec: quick ? 2 : 3,
    nodes: n,
    generators,
  }));
}

const topology = (r: RunSpec) => (r.nodes === 1 ? 'one node' : 'two nodes (Redis)');

export async function runDelivery(opts: ScenarioOptions): Promise<ScenarioResult> {
  const runs: RunFigures[] = [];
  for (const spec of specs(opts.quick)) {
    const r = await runDeliveryOnce(spec);
    if (r.firstAckError) log(`delivery: first failed ack: ${r.firstAckError}`);
    runs.push(r);
  }
  printTable(
    `Delivery: widget message.send → agent message.created (${AGENT_SOCKETS} agent sockets)`,
    [
      'topology',
      'conv',
      'msg/s',
      'sent',
      'acked',
      'errors',
      'p50 ms',
      'p99 ms',
      'max ms',
      'ack p50',
      'ack p99',
      'lost',
      'dup',
    ],
    runs.map((r) => [
      topology(r),
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
  printTable(
    'Delivery: load generators and CPU (drift = emit − due; loop delay p99 / max)',
    [
      'topology',
      'generators',
      'drift p50/p99/max ms',
      'generator loop ms',
      'agent loop ms',
      'server CPU µs/msg',
      'PG CPU µs/msg',
      'generator CPU ms',
      'server syscalls/msg (r / w)',
    ],
    runs.map((r) => [
      topology(r),
      r.generators,
      `${r.sendDriftMs.p50} / ${r.sendDriftMs.p99} / ${r.sendDriftMs.max}`,
      r.generatorLoopDelayMs.map((d) => `${fmt(d.p99)} / ${fmt(d.max)}`).join(', '),
      `${fmt(r.agentLoopDelayMs.p99)} / ${fmt(r.agentLoopDelayMs.max)}`,
      r.serverCpuUsPerMessage.join(' + '),
      r.postgresCpuUsPerMessage,
      r.generatorCpuMs,
      r.serverSyscallsPerMessage.map((c) => `${c.reads} / ${c.writes}`).join(' + '),
    ]),
  );
  const targets: TargetRow[] = runs.map((r) => {
    const full = r.conversations >= 5000 && r.ratePerSec >= 500;
    const limit = TARGET_P99_MS[r.nodes];
    return {
      scenario: 'Delivery',
      metric: `p99 send→agent @${r.conversations} conv, ${r.ratePerSec} msg/s, ${topology(r)}`,
      target: full ? `< ${limit} ms, 0 lost, 0 dup` : `(target is @5,000, 500 msg/s) 0 lost, 0 dup`,
      measured: `p99 ${fmt(r.latencyMs.p99)} ms (p50 ${fmt(r.latencyMs.p50)}, max ${fmt(r.latencyMs.max)}); lost ${r.lost}, dup ${r.duplicated}, send errors ${r.ackErrors + r.ackTimeouts}; drift p99 ${fmt(r.sendDriftMs.p99)} ms`,
      baseline: '—',
      ratio: '—',
      met:
        r.acked === r.sent &&
        r.sent > 0 &&
        r.lost === 0 &&
        r.duplicated === 0 &&
        (!full || r.latencyMs.p99 < limit),
    };
  });
  return { figures: { runs }, targets };
}
