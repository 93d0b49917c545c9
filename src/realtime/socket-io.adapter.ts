import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { Metrics } from '../platform/metrics/metrics.service';
import { releaseHandshakeRequests } from './handshake-request';
import { instrumentSockets } from './socket-metrics';
import { coalesceWrites } from './write-coalescing';

/**
 * Socket.IO on the Fastify HTTP server, with Socket.IO's in-memory adapter: each node delivers to
 * its own sockets, and events reach the other nodes through RealtimeBus's Redis stream.
 */
export class SpectreIoAdapter extends IoAdapter {
  private instrumented = false;

  constructor(
    app: INestApplicationContext,
    private readonly options: { maxPayloadBytes: number; metrics?: Metrics },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      // Origins are checked per project (widget) or against CORS_ORIGINS (agent) in the handshake.
      cors: { origin: true, credentials: false },
      maxHttpBufferSize: this.options.maxPayloadBytes,
    } as ServerOptions) as Server;
    releaseHandshakeRequests(server);
    coalesceWrites(server);
    const { metrics } = this.options;
    if (metrics?.enabled && !this.instrumented) {
      this.instrumented = true;
      instrumentSockets(server, metrics);
    }
    return server;
  }

  /**
   * The gateways listen with socket.on (SocketGuard), not @SubscribeMessage, so Nest has no handlers
   * to bind; it would still build an rxjs `disconnect$` pipeline per socket (about 1 KiB each, kept
   * as long as the socket), so that is skipped when there is nothing to bind.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    if (handlers.length > 0) super.bindMessageHandlers(socket, handlers, transform);
  }
}
