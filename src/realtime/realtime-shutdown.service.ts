import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SocketGuard } from './socket-guard';
import { RealtimeBus } from './realtime-bus.service';

const DRAIN_TIMEOUT_MS = 5000;

/**
 * On shutdown (SIGTERM): refuse new socket work, let in-flight sends finish, then tell every
 * socket to reconnect (elsewhere) and close it at the transport level so the client retries.
 * Nest then closes the HTTP server, which waits for requests in flight; only after that
 * (onApplicationShutdown) does the node stop publishing to other nodes and close its stream link,
 * so a message committed during the drain still reaches sockets on other nodes.
 */
@Injectable()
export class RealtimeShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly guard: SocketGuard,
    private readonly bus: RealtimeBus,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (signal) this.logger.log(`${signal}: draining sockets and requests in flight, then shutting down`);
    await this.guard.drain(DRAIN_TIMEOUT_MS);
    this.bus.closeAll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.bus.stopPublishing();
    await this.bus.closeLink();
  }
}
