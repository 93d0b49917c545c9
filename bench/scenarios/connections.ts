import { readFileSync } from 'node:fs';
import { sendWidgetMessage } from '../lib/api';
import { withServer } from '../lib/env';
import { cpuTimeMs } from '../lib/proc';
import {
  heapReport,
  MEMORY_REPORT_ARGS,
  procMemory,
  raiseOpenFileLimit,
  type HeapReport,
  type HeapUsage,
  type ProcMemory,
} from '../lib/proc-memory';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { connectSocket } from '../lib/sockets';
import { SocketWorkers } from '../lib/socket-workers';
import { log, mapLimit, openFileLimit, printTable, round, sleep } from '../lib/util';

const IN_FLIGHT = 100; // concurrent handshakes, over all workers
const VISITOR_TOKENS = 100; // used only if the widget namespace refuses a socket without a visitor token
const SETTLE_MS = 3000;
const FD_HEADROOM = 100; // the server's own files: ~25 at boot, plus up to 20 PostgreSQL connections
const TARGET_KIB = 20;

/**
 * Opens many idle widget sockets (websocket transport, one Manager each) from load-generator worker
 * processes, and reads the server's memory before and after: RSS per socket (/proc), the JS heap per
 * socket after a forced GC (bench/lib/memory-report.cjs), the handshake rate and CPU on both sides.
 */
export async function runConnections(opts: ScenarioOptions): Promise<ScenarioResult> {
  const wanted = opts.quick ? 2000 : 20_000;
  const workerCount = opts.quick ? 2 : 4;
  return withServer(
    'connections',
    async (env) => {
      const pid = env.server.pid;
      const limit = raiseOpenFileLimit(pid, wanted + FD_HEADROOM, openFileLimit(pid));
      const n = Math.min(wanted, limit - FD_HEADROOM);
      if (n < wanted)
        log(`connections: server open-file limit ${limit}; opening ${n} sockets instead of ${wanted}`);
      const ports = ephemeralPorts();
      if (n > ports) log(`connections: only ${ports} ephemeral ports for ${n} connections to one port`);

      const url = `${env.base}/widget`;
      const auths = await widgetAuths(env.base, url, env.project);
      const workers = await SocketWorkers.start(workerCount);
      try {
        await sleep(SETTLE_MS);
        const heapBefore = await heapReport(pid);
        await sleep(SETTLE_MS);
        const before = procMemory(pid);
        // With --cpu-prof the profile restarts here, so it holds the handshakes only.
        if (process.env.BENCH_CPU_PROF === '1') process.kill(pid, 'SIGUSR2');
        const serverCpu0 = cpuTimeMs(pid);

        log(`connections: opening ${n} widget sockets from ${workerCount} workers, ${IN_FLIGHT} in flight`);
        const start = Date.now();
        const reports = await workers.open({ url, auths, timeoutMs: 20_000 }, n, IN_FLIGHT);
        const serverCpuMs = cpuTimeMs(pid) - serverCpu0;
        const last = Math.max(...reports.map((r) => r.lastConnectedAt));
        const elapsedSec = (last - start) / 1000;
        const connected = reports.reduce((s, r) => s + r.connected, 0);
        const failed = reports.reduce((s, r) => s + r.failed, 0);
        const firstError = reports.find((r) => r.firstError)?.firstError;
        if (firstError) log(`connections: ${failed} failed, first: ${firstError}`);
        const clientCpuMs = reports.reduce((s, r) => s + r.cpuMs, 0);

        await sleep(SETTLE_MS);
        const after = procMemory(pid);
        const heapAfter = await heapReport(pid);
        const result = summarise({ n, connected, failed, elapsedSec, before, after, heapBefore, heapAfter });
        const figures = {
          requested: wanted,
          opened: n,
          connected,
          failed,
          firstError,
          workers: workerCount,
          inFlight: IN_FLIGHT,
          handshakesPerSec: round(result.handshakesPerSec, 0),
          openSeconds: round(elapsedSec, 2),
          serverCpuUsPerHandshake: round((serverCpuMs * 1000) / Math.max(1, connected), 0),
          clientCpuUsPerSocket: round((clientCpuMs * 1000) / Math.max(1, connected), 0),
          clientRssKiB: reports.map((r) => r.rssKiB),
          serverOpenFileLimit: limit,
          ephemeralPorts: ports,
          before,
          after,
          heapBefore,
          heapAfter,
          perSocket: result.perSocket,
        };
        print(figures, result);
        return {
          figures,
          targets: [
            {
              scenario: 'Connections',
              metric: `RSS per idle socket @${connected} sockets`,
              target: `≤ ${TARGET_KIB} KiB (at 20,000)`,
              measured: `${fmt(result.perSocket.rssKiB)} KiB (${fmt(result.handshakesPerSec, 0)} handshakes/s)`,
              baseline: '—',
              ratio: '—',
              // At 2,000 sockets the young generation's growth (a fixed cost, up to its cap) is most of
              // the delta: the quick run does not judge a target set at 20,000.
              met: opts.quick ? null : connected === n && result.perSocket.rssKiB <= TARGET_KIB,
            },
          ],
        };
      } finally {
        await workers.close();
        await sleep(500);
      }
    },
    // BENCH_HEAP_SNAPSHOT=1: the server also writes a heap snapshot before and after (bench/probes/heap-summary.ts).
    process.env.BENCH_HEAP_SNAPSHOT === '1' ? { BENCH_HEAP_SNAPSHOT: '1' } : {},
    MEMORY_REPORT_ARGS,
  );
}

/** The widget handshake's auth: the project key alone, or visitor tokens if the server wants one. */
async function widgetAuths(
  base: string,
  url: string,
  project: Parameters<typeof sendWidgetMessage>[1],
): Promise<Record<string, string>[]> {
  const auths = [{ projectKey: project.publicKey }];
  try {
    (await connectSocket(url, auths[0])).disconnect();
    return auths;
  } catch (err) {
    log(
      `connections: widget socket without visitor token refused (${(err as Error).message}); using ${VISITOR_TOKENS} visitor tokens`,
    );
    const convs = await mapLimit(Array.from({ length: VISITOR_TOKENS }), 8, () =>
      sendWidgetMessage(base, project),
    );
    const withTokens = convs.map((c) => ({ projectKey: project.publicKey, visitorToken: c.visitorToken }));
    (await connectSocket(url, withTokens[0])).disconnect(); // fail fast when there is no widget gateway at all
    return withTokens;
  }
}

function ephemeralPorts(): number {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    return Number(hi) - Number(lo) + 1;
  } catch {
    return Infinity;
  }
}

interface Measured {
  n: number;
  connected: number;
  failed: number;
  elapsedSec: number;
  before: ProcMemory;
  after: ProcMemory;
  heapBefore: HeapReport;
  heapAfter: HeapReport;
}

function summarise(m: Measured) {
  const per = (bytesOrKiB: number, unitKiB = 1) => (m.connected ? (bytesOrKiB * unitKiB) / m.connected : NaN);
  const b = m.heapBefore.afterGc;
  const a = m.heapAfter.afterGc;
  const space = (u: HeapUsage, name: string) => u.spaces[name]?.physicalKiB ?? 0;
  const heapKiB = (u: HeapUsage) => Object.values(u.spaces).reduce((sum, s) => sum + s.physicalKiB, 0);
  return {
    handshakesPerSec: m.connected / m.elapsedSec,
    perSocket: {
      rssKiB: round(per(m.after.rssKiB - m.before.rssKiB), 2),
      rssAnonKiB: round(per(m.after.rssAnonKiB - m.before.rssAnonKiB), 2),
      pssKiB: round(per(m.after.pssKiB - m.before.pssKiB), 2),
      rssAfterGcKiB: round(per(a.rss - b.rss, 1 / 1024), 2),
      heapUsedAfterGcKiB: round(per(a.heapUsed - b.heapUsed, 1 / 1024), 2),
      externalAfterGcKiB: round(per(a.external - b.external, 1 / 1024), 2),
      // Where the RSS after GC went: V8's old space (the sockets' objects), its young generation (grows
      // to its cap under the handshake burst, whatever the socket count), and the rest (native).
      oldSpaceKiB: round(per(space(a, 'old_space') - space(b, 'old_space')), 2),
      newSpaceKiB: round(per(space(a, 'new_space') - space(b, 'new_space')), 2),
      otherHeapSpacesKiB: round(
        per(
          heapKiB(a) -
            space(a, 'old_space') -
            space(a, 'new_space') -
            heapKiB(b) +
            space(b, 'old_space') +
            space(b, 'new_space'),
        ),
        2,
      ),
      nativeKiB: round(per((a.rss - b.rss) / 1024 - (heapKiB(a) - heapKiB(b))), 2),
    },
  };
}

function print(f: Record<string, any>, r: ReturnType<typeof summarise>): void {
  const mib = (kib: number) => fmt(kib / 1024);
  printTable(
    `Connections: idle widget sockets (websocket, one Manager each, ${f.workers} client processes)`,
    [
      'sockets',
      'connected',
      'failed',
      'handshake/s',
      'open s',
      'server CPU µs/hs',
      'client CPU µs/socket',
      'RSS before MiB',
      'RSS after MiB',
      'KiB/socket',
    ],
    [
      [
        f.opened,
        f.connected,
        f.failed,
        fmt(r.handshakesPerSec, 0),
        fmt(f.openSeconds, 1),
        f.serverCpuUsPerHandshake,
        f.clientCpuUsPerSocket,
        mib(f.before.rssKiB),
        mib(f.after.rssKiB),
        fmt(r.perSocket.rssKiB),
      ],
    ],
  );
  const p = r.perSocket;
  printTable(
    'Connections: server memory per socket, KiB (after − before / connected)',
    [
      'RSS',
      'PSS',
      'RSS after GC',
      '= old space',
      '+ new space',
      '+ other heap',
      '+ native',
      'heap used after GC',
      'external',
      'open files',
    ],
    [
      [
        fmt(p.rssKiB),
        fmt(p.pssKiB),
        fmt(p.rssAfterGcKiB),
        fmt(p.oldSpaceKiB),
        fmt(p.newSpaceKiB),
        fmt(p.otherHeapSpacesKiB),
        fmt(p.nativeKiB),
        fmt(p.heapUsedAfterGcKiB),
        fmt(p.externalAfterGcKiB),
        f.after.openFiles,
      ],
    ],
  );
}
