import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import type { Socket } from 'socket.io-client';
import { withServers } from '../lib/env';
import { databaseCpuMeter } from '../lib/pg';
import { cpuTimeMs, syscallCounts } from '../lib/proc';
import { closeAll, connectSocket } from '../lib/sockets';
import { log, mapLimit, round, sleep, summarize, type LatencySummary } from '../lib/util';
import { WidgetLoadPool } from '../lib/widget-load-pool';
import type { LoopDelay, SendRecord } from '../lib/widget-load-protocol';
import { seedConversations } from './delivery-seed';

export const AGENT_SOCKETS = 2;
const DRAIN_MS = 5_000;
const ACK_TIMEOUT_MS = 5_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RunSpec {
  conversations: number;
  ratePerSec: number;
  durationSec: number;
  warmupSec: number;
  /** 1: widgets and agents on one server; 2: widgets on node A, agents on node B (Redis stream between). */
  nodes: 1 | 2;
  generators: number;
}

export interface RunFigures extends RunSpec {
  agentSockets: number;
  sent: number;
  acked: number;
  ackErrors: number;
  ackTimeouts: number;
  firstAckError?: string;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  duplicated: number;
  latencyMs: LatencySummary;
  ackLatencyMs: LatencySummary;
  /** emit − due per send: how late the load generators were (a late send is not counted as latency). */
  sendDriftMs: LatencySummary;
  generatorLoopDelayMs: LoopDelay[];
  agentLoopDelayMs: LoopDelay;
  generatorCpuMs: number;
  /** CPU time (user + system) per measured message, per server process (node A first). */
  serverCpuUsPerMessage: number[];
  postgresCpuUsPerMessage: number;
  /** Read and write system calls per measured message, per server process (load-independent). */
  serverSyscallsPerMessage: { reads: number; writes: number }[];
}

interface Receipt {
  clientMessageId: string;
  messageId: string;
  agent: number;
  at: number;
}

const now = () => performance.timeOrigin + performance.now();
const profiling = () => process.env.BENCH_CPU_PROF === '1';

/**
 * N visitors, each with its own conversation and widget socket (in load generator children), send
 * over the socket at a steady aggregate rate; AGENT_SOCKETS agent sockets (one agent, several tabs,
 * on the last node) must each see every acked message exactly once. Latency is emit(message.send)
 * → message.created at the agent, both on performance.timeOrigin + now().
 */
export async function runDeliveryOnce(spec: RunSpec): Promise<RunFigures> {
  const label = `delivery N=${spec.conversations} ${spec.nodes === 1 ? 'one node' : 'two nodes'}`;
  const runId = randomBytes(4).toString('hex');
  // Its own stream and keys: other runs share this Redis; only these are removed afterwards.
  const stream = `spectre:bench:${runId}:bus`;
  const serverEnv: Record<string, string> =
    spec.nodes === 1
      ? {}
      : { REDIS_URL, REALTIME_STREAM: stream, RATE_LIMIT_KEY_PREFIX: `spectre:bench:${runId}:rl` };
  let projectId: string | undefined;
  try {
    return await withServers(
      label,
      spec.nodes,
      async (env) => {
        projectId = env.project.id;
        const [widgetNode, agentNode] = [env.servers[0], env.servers[env.servers.length - 1]];
        log(`${label}: seeding ${spec.conversations} conversations`);
        const visitors = await seedConversations(env.databaseUrl, env.project.id, spec.conversations);
        const agents: Socket[] = [];
        const pool = WidgetLoadPool.start(spec.generators);
        try {
          agents.push(
            ...(await mapLimit(Array.from({ length: AGENT_SOCKETS }), AGENT_SOCKETS, () =>
              connectSocket(`${agentNode.url}/agent`, { token: env.agent.accessToken }),
            )),
          );
          log(`${label}: connecting ${spec.conversations} widget sockets (${spec.generators} generators)`);
          const connected = await pool.connect(widgetNode.url, env.project.publicKey, visitors, 100);
          if (connected !== spec.conversations) throw new Error(`${connected} widget sockets connected`);
          await sleep(500); // let the gateways finish joining rooms

          const receipts: Receipt[] = [];
          agents.forEach((agent, a) =>
            agent.on('message.created', (payload: any) => {
              const at = now();
              const m = payload?.message;
              if (m?.clientMessageId)
                receipts.push({ clientMessageId: m.clientMessageId, messageId: m.id, agent: a, at });
            }),
          );
          const schedule = (sec: number) => ({
            startAt: now() + 100,
            ratePerSec: spec.ratePerSec,
            total: Math.round(spec.ratePerSec * sec),
            ackTimeoutMs: ACK_TIMEOUT_MS,
          });
          log(`${label}: warm-up ${spec.warmupSec}s`);
          await pool.send(schedule(spec.warmupSec));
          await sleep(300);
          receipts.length = 0;

          if (profiling()) for (const s of env.servers) process.kill(s.pid, 'SIGUSR2');
          const cpu0 = env.servers.map((s) => cpuTimeMs(s.pid));
          const sys0 = env.servers.map((s) => syscallCounts(s.pid));
          const postgresMs = await databaseCpuMeter(env.databaseName);
          const loop = monitorEventLoopDelay({ resolution: 5 });
          loop.enable();
          const total = Math.round(spec.ratePerSec * spec.durationSec);
          log(`${label}: ${total} messages at ${spec.ratePerSec}/s over ${spec.durationSec}s`);
          const sent = await pool.send(schedule(spec.durationSec));
          const acked = sent.records.filter((r) => r.ackAt > 0).length;
          const drainUntil = now() + DRAIN_MS;
          while (now() < drainUntil && receipts.length < acked * AGENT_SOCKETS) await sleep(50);
          await sleep(200); // a late duplicate would land here
          loop.disable();
          const cpuMs = env.servers.map((s, i) => cpuTimeMs(s.pid) - cpu0[i]);
          const pgMs = postgresMs();
          const syscalls = env.servers.map((s, i) => {
            const { reads, writes } = syscallCounts(s.pid);
            return { reads: reads - sys0[i].reads, writes: writes - sys0[i].writes };
          });
          const figures = tally(spec, sent.records, receipts);
          return {
            ...figures,
            generatorLoopDelayMs: sent.loopDelayMs,
            agentLoopDelayMs: {
              p50: round(loop.percentile(50) / 1e6),
              p99: round(loop.percentile(99) / 1e6),
              max: round(loop.max / 1e6),
            },
            generatorCpuMs: round(sent.cpuMs, 0),
            serverCpuUsPerMessage: cpuMs.map((ms) => round((ms * 1000) / Math.max(1, figures.sent), 0)),
            postgresCpuUsPerMessage: round((pgMs * 1000) / Math.max(1, figures.sent), 0),
            serverSyscallsPerMessage: syscalls.map((c) => ({
              reads: round(c.reads / Math.max(1, figures.sent), 2),
              writes: round(c.writes / Math.max(1, figures.sent), 2),
            })),
          };
        } finally {
          closeAll(agents);
          pool.close();
        }
      },
      serverEnv,
    );
  } finally {
    if (spec.nodes > 1) await removeRunKeys(stream, projectId);
  }
}

function tally(
  spec: RunSpec,
  records: SendRecord[],
  receipts: Receipt[],
): Omit<
  RunFigures,
  | 'generatorLoopDelayMs'
  | 'agentLoopDelayMs'
  | 'generatorCpuMs'
  | 'serverCpuUsPerMessage'
  | 'postgresCpuUsPerMessage'
  | 'serverSyscallsPerMessage'
> {
  const byId = new Map(records.map((r) => [r.clientMessageId, r]));
  const seen = Array.from({ length: AGENT_SOCKETS }, () => new Set<string>());
  const latencies: number[] = [];
  let duplicated = 0;
  for (const r of receipts) {
    const sent = byId.get(r.clientMessageId);
    if (!sent) continue; // a warm-up message
    if (seen[r.agent].has(r.clientMessageId)) {
      duplicated++;
      continue;
    }
    seen[r.agent].add(r.clientMessageId);
    latencies.push(r.at - sent.emitAt);
  }
  const acked = records.filter((r) => r.ackAt > 0);
  let lost = 0;
  for (const r of acked) for (const s of seen) if (!s.has(r.clientMessageId)) lost++;
  const failed = records.filter((r) => r.error && r.error !== 'timeout');
  return {
    ...spec,
    agentSockets: AGENT_SOCKETS,
    sent: records.length,
    acked: acked.length,
    ackErrors: failed.length,
    ackTimeouts: records.filter((r) => r.error === 'timeout').length,
    firstAckError: failed[0]?.error,
    expectedDeliveries: acked.length * AGENT_SOCKETS,
    delivered: latencies.length,
    lost,
    duplicated,
    latencyMs: summarize(latencies),
    ackLatencyMs: summarize(acked.map((r) => r.ackAt - r.emitAt)),
    sendDriftMs: summarize(records.map((r) => r.emitAt - r.dueAt)),
  };
}

/** Deletes this run's stream and its project's presence key, nothing else. */
async function removeRunKeys(stream: string, projectId?: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.del(stream, ...(projectId ? [`spectre:presence:${projectId}`] : []));
  } catch (err) {
    log(`could not remove ${stream}: ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
