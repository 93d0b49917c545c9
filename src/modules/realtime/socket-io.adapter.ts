import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createRedis } from '../../common/redis/redis.module';

/**
 * Socket.IO on the Fastify HTTP server. With REDIS_URL, nodes share rooms and events through the
 * Redis Streams adapter, which resumes its stream after a short Redis outage.
 */
export class SpectreIoAdapter extends IoAdapter {
  private redis?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly options: { redisUrl?: string; maxPayloadBytes: number },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (this.options.redisUrl) this.redis ??= createRedis(this.options.redisUrl);
    return super.createIOServer(port, {
      ...options,
      // Origins are checked per project (widget) or against CORS_ORIGINS (agent) in the handshake.
      cors: { origin: true, credentials: false },
      maxHttpBufferSize: this.options.maxPayloadBytes,
      ...(this.redis ? { adapter: createAdapter(this.redis) } : {}),
    } as ServerOptions);
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.redis?.disconnect();
  }
}
