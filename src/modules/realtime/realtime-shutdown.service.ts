import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { SocketGuard } from './socket-guard';
import { RealtimeBus } from './realtime-bus.service';

const DRAIN_TIMEOUT_MS = 5000;

/**
 * On shutdown (SIGTERM): refuse new socket work, let in-flight sends finish, then tell every
 * socket to reconnect (elsewhere) and close it at the transport level so the client retries.
 */
@Injectable()
export class RealtimeShutdown implements BeforeApplicationShutdown {
  constructor(
    private readonly guard: SocketGuard,
    private readonly bus: RealtimeBus,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.guard.drain(DRAIN_TIMEOUT_MS);
    this.bus.closeAll();
  }
}
