import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { createRedis } from './redis.module';

export interface StreamFanoutOptions<T> {
  url: string;
  stream: string;
  /** Called for every entry another node added, in stream order. */
  onEntry: (entry: T) => void;
  /**
   * Called once this node has read everything added while its link to Redis was down: entries
   * lost meanwhile (Redis restarted empty, the stream trimmed, a publish dropped) cannot be replayed,
   * so listeners tell their clients to resync.
   */
  onResumed: () => void;
  /** Entries the stream keeps (approximately); about 20 MB of real-time events at 10,000. */
  maxLen?: number;
  /**
   * Publishes queued while Redis is away, past which new ones are dropped: once the stream takes
   * entries again, this node adds a marker that makes every node call onResumed.
   */
  maxQueued?: number;
}

const READ_COUNT = 500;
const BLOCK_MS = 5000;

/**
 * Fans JSON entries out to every node through one Redis stream. Unlike PUB/SUB, what is added while
 * a node's link is down is read when it comes back: the reader resumes from the last id it read,
 * and a node's own publishes wait in ioredis's offline queue until Redis is back.
 */
export class StreamFanout<T> {
  private readonly logger = new Logger(StreamFanout.name);
  private readonly nodeId = randomUUID();
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly maxLen: number;
  private readonly maxQueued: number;
  private queued = 0;
  private lastId?: string;
  private linkWasDown = false;
  /** Some of this node's publishes never reached the stream: other nodes must resync too. */
  private dropped = false;
  /** A drop marker is on its way to the stream. */
  private marking = false;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(private readonly options: StreamFanoutOptions<T>) {
    this.maxLen = options.maxLen ?? 10_000;
    this.maxQueued = options.maxQueued ?? 10_000;
    // No retry bound: a publish waits out an outage instead of failing. Reconnection is tried
    // every 250 ms at most (ioredis backs off to 2 s), so delivery resumes soon after Redis is back.
    const reconnect = { retryStrategy: (times: number) => Math.min(times * 50, 250) };
    this.writer = createRedis(options.url, null, reconnect);
    this.reader = createRedis(options.url, null, reconnect);
    for (const client of [this.writer, this.reader]) {
      client.on('close', () => {
        if (!this.stopped) this.linkWasDown = true;
      });
    }
    this.writer.on('ready', () => this.markDropped());
  }

  start(): void {
    this.loop ??= this.read();
  }

  publish(entry: T): void {
    if (this.stopped) return;
    if (this.queued >= this.maxQueued) return this.drop();
    this.queued += 1;
    this.xadd('d', JSON.stringify(entry))
      .catch(() => this.drop())
      .finally(() => (this.queued -= 1));
  }

  /** An entry: `d` carries data; `r` (no data) tells every node to call onResumed. */
  private xadd(kind: 'd' | 'r', data = ''): Promise<unknown> {
    return this.writer.xadd(
      this.options.stream,
      'MAXLEN',
      '~',
      this.maxLen,
      '*',
      'o',
      this.nodeId,
      kind,
      data,
    );
  }

  private drop(): void {
    this.dropped = true;
    this.markDropped();
  }

  /**
   * Adds the drop marker as soon as the writer is connected, whatever is queued: waiting for a quiet
   * moment would postpone it for as long as the load lasts. One marker at a time; drops meanwhile get
   * the next.
   */
  private markDropped(): void {
    if (!this.dropped || this.marking || this.stopped || this.writer.status !== 'ready') return;
    this.dropped = false;
    this.marking = true;
    this.xadd('r')
      .catch(() => (this.dropped = true))
      .finally(() => {
        this.marking = false;
        this.markDropped();
      });
  }

  /** Lets queued publishes go out (bounded), then closes both connections. */
  async close(timeoutMs = 2000): Promise<void> {
    this.stopped = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([this.writer.quit().catch(() => undefined), timeout]);
    this.writer.disconnect();
    this.reader.disconnect();
    // A read queued while Redis is away may never settle: the loop ends on its own if it does.
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, 100).unref())]);
  }

  private async read(): Promise<void> {
    // Where this node starts: the stream's newest entry now ('$' would skip, after an outage,
    // what was added while the first read was waiting to be sent).
    while (!this.stopped && this.lastId === undefined) {
      try {
        const newest = await this.reader.xrevrange(this.options.stream, '+', '-', 'COUNT', 1);
        this.lastId = newest[0]?.[0] ?? '0-0';
      } catch {
        await pause();
      }
    }
    while (!this.stopped) {
      try {
        const batch = await this.readBatch();
        if (batch < READ_COUNT && this.linkWasDown) {
          this.linkWasDown = false;
          this.logger.warn('Redis stream link restored: telling sockets to resync');
          this.options.onResumed();
        }
      } catch {
        if (!this.stopped) await pause();
      }
    }
  }

  /** Reads and dispatches one batch; returns how many entries it had. */
  private async readBatch(): Promise<number> {
    const { stream } = this.options;
    const reply = await this.reader.xread(
      'COUNT',
      READ_COUNT,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      stream,
      this.lastId!,
    );
    const entries = reply?.[0]?.[1] ?? [];
    for (const [id, fields] of entries) {
      this.lastId = id;
      const origin = fieldOf(fields, 'o');
      if (origin === this.nodeId) continue;
      if (fieldOf(fields, 'r') !== undefined) {
        this.linkWasDown = true;
        continue;
      }
      const data = fieldOf(fields, 'd');
      if (data === undefined) continue;
      try {
        this.options.onEntry(JSON.parse(data) as T);
      } catch (err) {
        this.logger.error(`stream entry ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return entries.length;
  }
}

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length - 1; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 200));
