/**
 * A load generator child (forked by widget-load-pool.ts): holds a share of the visitors' widget
 * sockets and sends `message.send` on a fixed schedule. Times are absolute (performance.timeOrigin +
 * now()), so the parent can compare them with its agents' receive times on the same host.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { closeAll, connectSocket } from './sockets';
import { mapLimit } from './util';
import type { LoadCommand, LoadReply, SendRecord } from './widget-load-protocol';

const now = () => performance.timeOrigin + performance.now();
const BODY = 'Is anyone there? I have a question about the premium plan.';

let sockets: Socket[] = [];
let conversationIds: string[] = [];

const reply = (msg: LoadReply) => process.send!(msg);

async function connect(cmd: Extract<LoadCommand, { type: 'connect' }>): Promise<void> {
  conversationIds = cmd.visitors.map((v) => v.conversationId);
  sockets = await mapLimit(cmd.visitors, cmd.concurrency, (v) =>
    connectSocket(`${cmd.base}/widget`, { projectKey: cmd.projectKey, visitorToken: v.visitorToken }),
  );
  reply({ type: 'connected', count: sockets.length });
}

/**
 * Message m of this child is due at startAt + (slot + m · stride) / rate: the children interleave on
 * one global schedule. Each send records how late it left (drift), its ack and its id.
 */
async function send(cmd: Extract<LoadCommand, { type: 'send' }>): Promise<void> {
  const { startAt, ratePerSec, slot, stride, count, ackTimeoutMs } = cmd;
  const records: SendRecord[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const cpuBefore = process.cpuUsage();
  let pendingAcks = 0;
  loopDelay.enable();
  for (let m = 0; m < count; m++) {
    const dueAt = startAt + ((slot + m * stride) * 1000) / ratePerSec;
    const wait = dueAt - now();
    if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
    const i = m % sockets.length;
    const record: SendRecord = { clientMessageId: randomUUID(), dueAt, emitAt: now(), ackAt: 0, error: '' };
    records.push(record);
    pendingAcks++;
    sockets[i]
      .timeout(ackTimeoutMs)
      .emit(
        'message.send',
        { conversationId: conversationIds[i], body: BODY, clientMessageId: record.clientMessageId },
        (err: unknown, res: { ok?: boolean; error?: unknown } | undefined) => {
          pendingAcks--;
          if (err) record.error = 'timeout';
          else if (res?.ok) record.ackAt = now();
          else record.error = JSON.stringify(res).slice(0, 300);
        },
      );
  }
  const ackDeadline = now() + ackTimeoutMs + 500;
  while (pendingAcks > 0 && now() < ackDeadline) await new Promise((r) => setTimeout(r, 20));
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  reply({
    type: 'done',
    records,
    loopDelayMs: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
}

process.on('message', (cmd: LoadCommand) => {
  const run = cmd.type === 'connect' ? connect(cmd) : cmd.type === 'send' ? send(cmd) : undefined;
  if (cmd.type === 'close') {
    closeAll(sockets);
    setTimeout(() => process.exit(0), 100);
    return;
  }
  run?.catch((err: Error) => {
    reply({ type: 'failed', message: err.message });
  });
});
