import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sendWidgetMessage, type VisitorConversation } from '../lib/api';
import { withServer } from '../lib/env';
import { databaseCpuMeter, walBytesSince, walLsn } from '../lib/pg';
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

/** What one measured run cost per request: CPU of the target, PostgreSQL, the load generator; WAL. */
interface Cost {
  cpuUsPerRequest: number;
  postgresCpuUsPerRequest: number;
  loadGeneratorCpuUsPerRequest: number;
  walBytesPerRequest: number;
}

/** Runs one measured load against `pid`, with what it cost per request. */
async function measured(
  pid: number,
  database: string,
  run: () => Promise<LoadResult>,
): Promise<LoadResult & Cost> {
  const lsn = await walLsn();
  // The target's pool is open after its warm-up: its backends are this database's connections.
  const postgresMs = await databaseCpuMeter(database);
  const [cpu0, self0] = [cpuTimeMs(pid), process.cpuUsage()];
  const r = await run();
  const self = process.cpuUsage(self0);
  const pgMs = postgresMs();
  const n = Math.max(1, r.total);
  return {
    ...r,
    cpuUsPerRequest: round(((cpuTimeMs(pid) - cpu0) * 1000) / n, 0),
    postgresCpuUsPerRequest: round((pgMs * 1000) / n, 0),
    loadGeneratorCpuUsPerRequest: round((self.user + self.system) / n, 0),
    walBytesPerRequest: round((await walBytesSince(lsn)) / n, 0),
  };
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
    // With --cpu-prof the profile restarts here, so it holds the measured window only.
    if (process.env.BENCH_CPU_PROF === '1') process.kill(env.server.pid, 'SIGUSR2');
    const server = await measured(env.server.pid, env.databaseName, () =>
      load(env.server.url, env.project.publicKey, visitors, duration),
    );

    const floor = async (sql: 'insert' | 'append') => {
      const proc = await startBaseline(env.databaseUrl, POOL_SIZE, sql);
      try {
        log(`send: floor (${sql}) warm-up ${warmup}s, then ${duration}s × ${CONNECTIONS} connections`);
        await load(proc.url, env.project.publicKey, visitors, warmup);
        if (process.env.BENCH_CPU_PROF === '1') process.kill(proc.pid, 'SIGUSR2');
        return await measured(proc.pid, env.databaseName, () =>
          load(proc.url, env.project.publicKey, visitors, duration),
        );
      } finally {
        await proc.stop();
      }
    };
    const baseline = await floor('insert');
    const appendFloor = await floor('append');

    const ratio = baseline.reqPerSec ? server.reqPerSec / baseline.reqPerSec : NaN;
    const p99Ratio = baseline.p99 ? server.p99 / baseline.p99 : NaN;
    const errors = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
    // CPU per request is the machine-independent cost: the load generator and PostgreSQL share the cores.
    const row = (name: string, r: LoadResult & Cost) => [
      name,
      r.reqPerSec,
      r.p50,
      r.p99,
      r.max,
      r.total,
      errors(r),
      r.cpuUsPerRequest,
      r.postgresCpuUsPerRequest,
      r.loadGeneratorCpuUsPerRequest,
      r.walBytesPerRequest,
    ];
    const per = (k: keyof Cost) => fmt(server[k] / baseline[k], 2);
    printTable(
      `Send: POST /api/v1/messages, ${CONNECTIONS} connections, ${duration}s, ${visitors.length} visitors / ${visitors.length * CONVERSATIONS_PER_VISITOR} conversations`,
      [
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'requests',
        'errors',
        'server CPU µs/req',
        'PostgreSQL CPU µs/req',
        'load gen. CPU µs/req',
        'WAL B/req',
      ],
      [
        row('spectre server', server),
        row('baseline (fastify + pg)', baseline),
        row("floor running the server's append SQL", appendFloor),
        [
          'ratio server/baseline',
          fmt(ratio, 2),
          '',
          fmt(p99Ratio, 2),
          '',
          '',
          '',
          per('cpuUsPerRequest'),
          per('postgresCpuUsPerRequest'),
          per('loadGeneratorCpuUsPerRequest'),
          per('walBytesPerRequest'),
        ],
      ],
    );
    return {
      figures: {
        connections: CONNECTIONS,
        durationSec: duration,
        visitors: visitors.length,
        poolSize: POOL_SIZE,
        server,
        baseline,
        appendFloor,
        ratio: round(ratio, 3),
        p99Ratio: round(p99Ratio, 3),
      },
      targets: [
        {
          scenario: 'Send',
          metric: "where the gap is: the server's SQL on the floor",
          target: '(diagnostic)',
          measured: `${appendFloor.reqPerSec} req/s, p99 ${appendFloor.p99} ms`,
          baseline: `${baseline.reqPerSec} req/s`,
          ratio: `${fmt(appendFloor.reqPerSec / baseline.reqPerSec, 2)}×; server/it ${fmt(server.reqPerSec / appendFloor.reqPerSec, 2)}×`,
          met: true,
        },
        {
          scenario: 'Send',
          metric: 'throughput vs floor',
          target: '≥ 0.8×',
          measured: `${server.reqPerSec} req/s`,
          baseline: `${baseline.reqPerSec} req/s`,
          ratio: `${fmt(ratio, 2)}×`,
          met: ratio >= 0.8,
        },
        {
          scenario: 'Send',
          metric: 'p99 latency @64 conn, 0 errors',
          target: '≤ 1.5× floor',
          measured: `${server.p99} ms (p50 ${server.p50}), ${errors(server)} errors`,
          baseline: `${baseline.p99} ms (p50 ${baseline.p50})`,
          ratio: `${fmt(p99Ratio, 2)}×`,
          met: p99Ratio <= 1.5 && errors(server) === 0,
        },
        {
          scenario: 'Send',
          metric: 'cost per message',
          target: 'reported',
          measured: `server ${server.cpuUsPerRequest} µs CPU, PostgreSQL ${server.postgresCpuUsPerRequest} µs, WAL ${server.walBytesPerRequest} B`,
          baseline: `${baseline.cpuUsPerRequest} µs, ${baseline.postgresCpuUsPerRequest} µs, ${baseline.walBytesPerRequest} B`,
          ratio: `${per('cpuUsPerRequest')}× / ${per('postgresCpuUsPerRequest')}× / ${per('walBytesPerRequest')}×`,
          met: true,
        },
      ],
    };
  });
}
