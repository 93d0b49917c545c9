import type { ChildProcess } from 'node:child_process';
import { cpuTimeMs, forkBenchChild } from './proc';
import type { OpenReport, OpenRequest, WorkerMessage } from './socket-worker';

/** Load-generator processes (bench/lib/socket-worker.ts) that open and hold Socket.IO sockets. */
export class SocketWorkers {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number): Promise<SocketWorkers> {
    const children = Array.from({ length: count }, (_, i) =>
      forkBenchChild('bench/lib/socket-worker.ts', `sockets-${i}`),
    );
    await Promise.all(children.map((c) => next(c, 'ready')));
    return new SocketWorkers(children);
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** Opens `total` sockets split evenly over the workers; resolves with each worker's report. */
  async open(req: Omit<OpenRequest, 'type' | 'count' | 'inFlight'>, total: number, inFlight: number) {
    const n = this.children.length;
    return Promise.all(
      this.children.map((c, i) => {
        const count = Math.floor(total / n) + (i < total % n ? 1 : 0);
        const reply = next(c, 'opened');
        c.send({ ...req, type: 'open', count, inFlight: Math.max(1, Math.round(inFlight / n)) });
        return reply as Promise<OpenReport>;
      }),
    );
  }

  /** CPU time of all workers so far, in ms, from /proc (includes their start-up). */
  cpuMs(): number {
    return this.pids.reduce((sum, pid) => sum + cpuTimeMs(pid), 0);
  }

  /** Closes every socket and waits for the workers to exit. */
  async close(): Promise<void> {
    await Promise.all(
      this.children.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise<void>((res) => c.once('exit', () => res()));
        c.send({ type: 'close' });
        const t = setTimeout(() => c.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }),
    );
  }
}

/** The worker's next message of `type`; rejects if it exits first. */
function next(child: ChildProcess, type: WorkerMessage['type']): Promise<WorkerMessage> {
  return new Promise((res, rej) => {
    const onMessage = (msg: WorkerMessage) => {
      if (msg.type !== type) return;
      cleanup();
      res(msg);
    };
    const onExit = (code: number | null) => {
      cleanup();
      rej(new Error(`socket worker ${child.pid} exited (${code}) before '${type}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
