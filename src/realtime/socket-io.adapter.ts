import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { Metrics } from '../platform/metrics/metrics.service';
import { createRedis } from '../platform/redis/redis.module';
import { instrumentSockets } from './socket-metrics';

/**
 * Socket.IO on the Fastify HTTP server. With REDIS_URL, nodes share rooms and events through the
 * Redis Streams adapter, which resumes its stream after a short Redis outage.
 */
export class SpectreIoAdapter extends IoAdapter {
  private redis?: Redis;
  private closing?: Promise<void>;
  private instrumented = false;

  constructor(
    app: INestApplicationContext,
    private readonly options: { redisUrl?: string; maxPayloadBytes: number; metrics?: Metrics },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (this.options.redisUrl) this.redis ??= trackDuplicates(createRedis(this.options.redisUrl, null));
    const server = super.createIOServer(port, {
      ...options,
      // Origins are checked per project (widget) or against CORS_ORIGINS (agent) in the handshake.
      cors: { origin: true, credentials: false },
      maxHttpBufferSize: this.options.maxPayloadBytes,
      ...(this.redis ? { adapter: createAdapter(this.redis) } : {}),
    } as ServerOptions) as Server;
    const { metrics } = this.options;
    if (metrics?.enabled && !this.instrumented) {
      this.instrumented = true;
      instrumentSockets(server, metrics);
    }
    return server;
  }

  /**
   * The Redis client outlives the Socket.IO server: HTTP requests still in flight when the sockets
   * are closed publish through it. RealtimeShutdown closes it once the HTTP server has drained.
   */
  async closeRedis(): Promise<void> {
    this.closing ??= closeGracefully(this.redis);
    await this.closing;
  }
}

/**
 * QUIT lets publishes already queued finish (disconnecting would reject them inside the adapter,
 * where nobody handles the rejection); bounded, since with Redis away the queue never drains.
 */
async function closeGracefully(redis: Redis | undefined, timeoutMs = 2000): Promise<void> {
  if (!redis) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([redis.quit().catch(() => undefined), timeout]);
  if (redis.status !== 'end') redis.disconnect();
  // The adapter's own connections (stream reader, pub/sub) are closed by it only once a blocking read
  // returns, which never happens while Redis is away; close them too so shutdown completes.
  for (const duplicate of duplicatesOf.get(redis) ?? []) duplicate.disconnect();
}

const duplicatesOf = new WeakMap<Redis, Redis[]>();

/** Remembers the connections the adapter derives from its client (it calls `duplicate()`). */
function trackDuplicates(redis: Redis): Redis {
  const duplicates: Redis[] = [];
  duplicatesOf.set(redis, duplicates);
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (...args: Parameters<Redis['duplicate']>) => {
    const copy = duplicate(...args);
    duplicates.push(copy);
    return copy;
  };
  return redis;
}
