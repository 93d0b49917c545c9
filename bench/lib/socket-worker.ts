/**
 * A load-generator process for the connections scenario, started with child_process.fork (IPC).
 * It opens its share of idle Socket.IO sockets (one Manager each), reports how it went, holds them
 * until told to close, and reports its own CPU time, so the server's RSS and CPU are measured alone.
 *
 *   parent → worker: { type: 'open', url, auths, count, inFlight, timeoutMs }, then { type: 'close' }
 *   worker → parent: { type: 'ready' }, { type: 'opened', ...OpenReport }, { type: 'closed', cpuMs }
 */
import type { Socket } from 'socket.io-client';
import { connectSocket, closeAll } from './sockets';
import { mapLimit } from './util';

export interface OpenRequest {
  type: 'open';
  url: string;
  auths: Record<string, string>[];
  count: number;
  inFlight: number;
  timeoutMs: number;
}

export interface OpenReport {
  connected: number;
  failed: number;
  firstError?: string;
  /** Epoch ms of the last successful connect (0 if none). */
  lastConnectedAt: number;
  /** This process's user + system CPU time spent opening, in ms. */
  cpuMs: number;
  rssKiB: number;
}

export type WorkerMessage =
  { type: 'ready' } | ({ type: 'opened' } & OpenReport) | { type: 'closed'; cpuMs: number };

const sockets: Socket[] = [];
let cpuStart = process.cpuUsage();

const send = (msg: WorkerMessage) => process.send?.(msg);
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

async function open(req: OpenRequest): Promise<void> {
  cpuStart = process.cpuUsage();
  let failed = 0;
  let firstError: string | undefined;
  let lastConnectedAt = 0;
  await mapLimit(Array.from({ length: req.count }), req.inFlight, async (_, i) => {
    try {
      sockets.push(await connectSocket(req.url, req.auths[i % req.auths.length], req.timeoutMs));
      lastConnectedAt = Date.now();
    } catch (err) {
      failed++;
      firstError ??= (err as Error).message;
    }
  });
  send({
    type: 'opened',
    connected: sockets.filter((s) => s.connected).length,
    failed,
    firstError,
    lastConnectedAt,
    cpuMs: cpuMsSince(cpuStart),
    rssKiB: Math.round(process.memoryUsage.rss() / 1024),
  });
}

process.on('message', (msg: OpenRequest | { type: 'close' }) => {
  if (msg.type === 'open') void open(msg);
  else if (msg.type === 'close') {
    closeAll(sockets);
    send({ type: 'closed', cpuMs: cpuMsSince(cpuStart) });
    setTimeout(() => process.exit(0), 200);
  }
});
// The parent gone (killed bench): nothing left to measure for.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
