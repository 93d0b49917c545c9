import type { ChildProcess } from 'node:child_process';
import { forkBenchChild } from './proc';
import type { LoadCommand, LoadReply, LoadVisitor, LoopDelay, SendRecord } from './widget-load-protocol';

type Done = Extract<LoadReply, { type: 'done' }>;

/**
 * Widget sockets spread over `size` load generator processes (bench/lib/widget-load.ts), so driving
 * thousands of sockets does not delay the agents' receive timestamps in the bench process.
 */
export class WidgetLoadPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(size: number): WidgetLoadPool {
    return new WidgetLoadPool(
      Array.from({ length: size }, (_, i) => forkBenchChild('bench/lib/widget-load.ts', `load-${i}`)),
    );
  }

  get size(): number {
    return this.children.length;
  }

  /** Connects visitor i from the child i % size; resolves with the sockets connected. */
  async connect(
    base: string,
    projectKey: string,
    visitors: LoadVisitor[],
    concurrency: number,
  ): Promise<number> {
    const replies = await Promise.all(
      this.children.map((child, c) =>
        this.ask(child, {
          type: 'connect',
          base,
          projectKey,
          visitors: visitors.filter((_, i) => i % this.size === c),
          concurrency: Math.max(1, Math.ceil(concurrency / this.size)),
        }),
      ),
    );
    return replies.reduce((sum, r) => sum + (r.type === 'connected' ? r.count : 0), 0);
  }

  /** Runs the schedule (`total` messages at `ratePerSec` from `startAt`) across the children. */
  async send(opts: { startAt: number; ratePerSec: number; total: number; ackTimeoutMs: number }): Promise<{
    records: SendRecord[];
    loopDelayMs: LoopDelay[];
    cpuMs: number;
  }> {
    const stride = this.size;
    const replies = (await Promise.all(
      this.children.map((child, slot) =>
        this.ask(child, {
          type: 'send',
          startAt: opts.startAt,
          ratePerSec: opts.ratePerSec,
          slot,
          stride,
          count: Math.floor((opts.total - slot + stride - 1) / stride),
          ackTimeoutMs: opts.ackTimeoutMs,
        }),
      ),
    )) as Done[];
    return {
      records: replies.flatMap((r) => r.records),
      loopDelayMs: replies.map((r) => r.loopDelayMs),
      cpuMs: replies.reduce((sum, r) => sum + r.cpuMs, 0),
    };
  }

  close(): void {
    for (const child of this.children)
      if (child.connected) child.send({ type: 'close' } satisfies LoadCommand);
  }

  private ask(child: ChildProcess, cmd: LoadCommand): Promise<LoadReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (msg: LoadReply) => {
        child.off('exit', onExit);
        if (msg.type === 'failed') reject(new Error(`load generator: ${msg.message}`));
        else resolve(msg);
      });
      child.send(cmd);
    });
  }
}
