import { Injectable, Logger } from '@nestjs/common';
import type { z } from 'zod';
import { toAppError } from '../platform/errors/error-envelope';
import { SocketEventLimiter, WindowCounter } from '../platform/rate-limit';
import { ErrorCode } from '../platform/errors/error-codes';
import { logFailure, parsePayload } from './socket-helpers';
import { admitTyping, budgetKey, typingBudgets, type StatefulSocket, type TypingState } from './socket-state';
import type { TypingInput } from './typing';

/** `typing` arrivals a socket may send per window before they are dropped unread (see onTyping). */
const TYPING_ARRIVALS = 200;
const WINDOW_MS = 10_000;

type Handler = (payload: unknown, ack?: unknown) => Promise<void>;

/**
 * Wraps every client → server socket event: applies the event limit of the socket's visitor or user,
 * refuses work while the node drains for shutdown,
 * tracks in-flight handlers so shutdown can wait for them, and turns errors into an `error` event
 * (or the ack's error) instead of an unhandled rejection.
 */
@Injectable()
export class SocketGuard {
  private readonly logger = new Logger(SocketGuard.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly typingBudgets = typingBudgets();
  private draining = false;

  constructor(private readonly limiter: SocketEventLimiter) {}

  on(socket: StatefulSocket, event: string, handler: Handler): void {
    socket.on(event, (payload: unknown, ack?: unknown) => {
      if (this.draining) {
        const error = {
          code: ErrorCode.SERVICE_UNAVAILABLE,
          message: 'Server is restarting; reconnect and retry',
        };
        if (typeof ack === 'function') ack({ ok: false, error });
        return;
      }
      this.track(socket, () => this.limitThenRun(socket, payload, ack, handler));
    });
  }

  /**
   * `typing` is not counted against the event limit: repeats are dropped at once, and the changes
   * spend the typing budget of the socket's visitor or user (see admitTyping), all before the handler
   * touches the database. Every arrival on this socket, valid or not, counts towards TYPING_ARRIVALS:
   * far beyond any keyboard, past it they are dropped unread, and a socket that goes on to twice that
   * is cut off like any other flood.
   */
  onTyping<T extends TypingInput>(
    socket: StatefulSocket,
    schema: z.ZodType<T>,
    handler: (input: T, previous?: TypingState) => Promise<void>,
  ): void {
    socket.on('typing', (payload: unknown) => {
      if (this.draining) return;
      const limit = this.limiter.limit === Infinity ? Infinity : TYPING_ARRIVALS;
      socket.data.typingArrivals ??= new WindowCounter(limit, WINDOW_MS);
      const { ok, over } = socket.data.typingArrivals.hit();
      if (!ok) {
        if (over >= limit) this.cutOff(socket, 'Too many typing events; disconnected');
        return;
      }
      this.track(socket, async () => {
        const input = parsePayload(schema, payload);
        const admitted = admitTyping(
          socket,
          this.typingBudgets,
          input.conversationId,
          input.isTyping,
          input.private ?? false,
        );
        if (!admitted) return;
        try {
          await handler(input, admitted.previous);
        } catch (err) {
          socket.data.typing?.delete(input.conversationId);
          throw err;
        }
      });
    });
  }

  private track(socket: StatefulSocket, work: () => Promise<void>): void {
    const run = work()
      .catch((err: unknown) => {
        const e = toAppError(err);
        logFailure(this.logger, e, err);
        socket.emit('error', { code: e.code, message: e.message });
      })
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async limitThenRun(
    socket: StatefulSocket,
    payload: unknown,
    ack: unknown,
    handler: Handler,
  ): Promise<void> {
    const { ok, retryAfterMs, over } = this.limiter.hit(budgetKey(socket));
    if (ok) return handler(payload, ack);
    const error = { code: ErrorCode.RATE_LIMITED, message: 'Too many events; slow down', retryAfterMs };
    if (typeof ack === 'function') ack({ ok: false, error });
    else socket.emit('error', error);
    // A client that goes on to twice its budget in one window is not slowing down: cut off each
    // socket that still sends.
    if (over >= this.limiter.limit) this.cutOff(socket, 'Too many events; disconnected');
  }

  private cutOff(socket: StatefulSocket, message: string): void {
    socket.emit('error', { code: ErrorCode.RATE_LIMITED, message });
    socket.disconnect(true);
  }

  /** Stops accepting socket work and waits (bounded) for handlers already running. */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
  }
}
