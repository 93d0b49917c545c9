import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sendWidgetMessage, type VisitorConversation } from '../lib/api';
import { withServer } from '../lib/env';
import { cpuTimeMs, startBaseline } from '../lib/proc';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { log, mapLimit, printTable, round, withTimeout } from '../lib/util';

const CONNECTIONS = 64;
const CONVERSATIONS_PER_VISITOR = 2;
// The server's DATABASE_POOL_SIZE (its default unless BENCH_POOL_SIZE says otherwise); the floor uses the same.
export const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 20);
const BODY = 'Hi! My order #1234 has not arrived yet, can you check where it is?';

interface Visitor {
  token: string;
  conversations: string[];
  sent: number;
}

interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * One autocannon run: each of the 64 connections is one visitor (its own token) alternating between
 * its conversations, and every request carries a fresh clientMessageId.
 */
function load(url: string, publicKey: string, visitors: Visitor[], durationSec: number): Promise<LoadResult> {
  let nextVisitor = 0;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationSec,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/messages',
        // Also called once while autocannon builds a client, before setupClient has pinned a visitor.
        setupRequest: (req: any, context: { v?: number }) => {
          const v = visitors[context.v ?? 0];
          const conversationId = v.conversations[v.sent++ % v.conversations.length];
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'x-project-key': publicKey,
              'x-visitor-token': v.token,
            },
            body: JSON.stringify({ body: BODY, clientMessageId: randomUUID(), conversationId }),
          };
        },
      },
    ],
    // Pin a visitor to each connection; the request iterator re-clones this context on every loop.
    setupClient: (client: any) => {
      client.requestIterator.initialContext = { v: nextVisitor++ % visitors.length };
      client.requestIterator.resetContext();
    },
  });
  return withTimeout(
    new Promise<LoadResult>((resolve, reject) => {
      instance.on('done', (r: any) =>
        resolve({
          reqPerSec: round(r.requests.average, 0),
          p50: r.latency.p50,
          p99: r.latency.p99,
          max: r.latency.max,
          total: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
        }),
      );
      instance.on('error', reject);
    }),
    (durationSec + 30) * 1000,
    'autocannon',
  ).catch((err: unknown) => {
    instance.stop();
    throw err;
  });
}

export async function runSend(opts: ScenarioOptions): Promise<ScenarioResult> {
  const duration = opts.quick ? 5 : 20;
  const warmup = opts.quick ? 1 : 3;
  return withServer('send', async (env) => {
    // 64 visitors × 2 conversations, created through the API (first message starts visitor + conversation).
    const starts: VisitorConversation[] = await mapLimit(Array.from({ length: CONNECTIONS }), 8, () =>
      sendWidgetMessage(env.base, env.project),
    );
    const visitors: Visitor[] = await mapLimit(starts, 8, async (s) => {
      const conversations = [s.conversationId];
      for (let i = 1; i < CONVERSATIONS_PER_VISITOR; i++) {
        conversations.push(
          (await sendWidgetMessage(env.base, env.project, { visitorToken: s.visitorToken })).conversationId,
        );
      }
      return { token: s.visitorToken, conversations, sent: 0 };
    });
    log(`send: ${visitors.length} visitors, ${visitors.length * CONVERSATIONS_PER_VISITOR} conversations`);

    log(`send: server warm-up ${warmup}s, then ${duration}s × ${CONNECTIONS} connections`);
    await load(env.server.url, env.project.publicKey, visitors, warmup);
    const serverCpu0 = cpuTimeMs(env.server.pid);
    const server = await load(env.server.url, env.project.publicKey, visitors, duration);
    const serverCpuPerReq = (cpuTimeMs(env.server.pid) - serverCpu0) / Math.max(1, server.total);

    const baselineProc = await startBaseline(env.databaseUrl, POOL_SIZE);
    let baseline: LoadResult;
    let baselineCpuPerReq: number;
    try {
      log(`send: baseline warm-up ${warmup}s, then ${duration}s × ${CONNECTIONS} connections`);
      await load(baselineProc.url, env.project.publicKey, visitors, warmup);
      const baselineCpu0 = cpuTimeMs(baselineProc.pid);
      baseline = await load(baselineProc.url, env.project.publicKey, visitors, duration);
      baselineCpuPerReq = (cpuTimeMs(baselineProc.pid) - baselineCpu0) / Math.max(1, baseline.total);
    } finally {
      await baselineProc.stop();
    }

    const ratio = baseline.reqPerSec ? server.reqPerSec / baseline.reqPerSec : NaN;
    // CPU per request is the machine-independent cost: the load generator and PostgreSQL share the cores.
    const row = (name: string, r: LoadResult, cpuPerReq: number) => [
      name,
      r.reqPerSec,
      r.p50,
      r.p99,
      r.max,
      r.total,
      r.non2xx + r.errors + r.timeouts,
      fmt(cpuPerReq * 1000, 0),
    ];
    printTable(
      `Send: POST /api/v1/messages, ${CONNECTIONS} connections, ${duration}s, ${visitors.length} visitors / ${visitors.length * CONVERSATIONS_PER_VISITOR} conversations`,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'errors', 'CPU µs/req'],
      [
        row('spectre server', server, serverCpuPerReq),
        row('baseline (fastify + pg)', baseline, baselineCpuPerReq),
        [
          'ratio server/baseline',
          fmt(ratio, 2),
          '',
          '',
          '',
          '',
          '',
          fmt(serverCpuPerReq / baselineCpuPerReq, 2),
        ],
      ],
    );
    return {
      figures: {
        connections: CONNECTIONS,
        durationSec: duration,
        visitors: visitors.length,
        poolSize: POOL_SIZE,
        server: { ...server, cpuUsPerRequest: round(serverCpuPerReq * 1000, 0) },
        baselineCpuUsPerRequest: round(baselineCpuPerReq * 1000, 0),
        baseline,
        ratio: round(ratio, 3),
      },
      targets: [
        {
          scenario: 'Send',
          metric: 'throughput vs floor',
          target: '≥ 0.6×',
          measured: `${server.reqPerSec} req/s`,
          baseline: `${baseline.reqPerSec} req/s`,
          ratio: `${fmt(ratio, 2)}×`,
          met: ratio >= 0.6,
        },
        {
          scenario: 'Send',
          metric: 'p99 latency @64 conn',
          target: '< 50 ms',
          measured: `${server.p99} ms (p50 ${server.p50})`,
          baseline: `${baseline.p99} ms (p50 ${baseline.p50})`,
          ratio: baseline.p99 ? `${fmt(server.p99 / baseline.p99, 2)}×` : '—',
          met: server.p99 < 50 && server.non2xx + server.errors + server.timeouts === 0,
        },
      ],
    };
  });
}
