import proxyAddr from '@fastify/proxy-addr';
import { normalizeIp } from '@nestjs/throttler';
import { Logger, type LoggerService } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { AppConfig } from '../config/env.schema';
import { z } from 'zod';
import { AppError } from '../platform/errors/app-error';
import { ErrorCode } from '../platform/errors/error-codes';
import { retryAfterMsOf, toAppError, zodDetails } from '../platform/errors/error-envelope';
import { assertWellFormed } from '../platform/http/well-formed';
import { serializeError } from '../platform/security/log-redaction';
import type { Ack } from './realtime.events';

const logger = new Logger('Socket');

/** Logs an error without what it may carry of user data (a failed query's bound parameters). */
export function logSocketError(log: LoggerService, err: unknown, context = ''): void {
  const e = err instanceof Error ? serializeError(err) : { message: String(err), stack: undefined };
  log.error(`${context}${e.message}`, e.stack);
}

/**
 * Logs a handler's failure: the database being away is one warning line (an outage would
 * otherwise log a stack per request), other server errors in full; client errors not at all.
 */
export function logFailure(log: LoggerService, e: AppError, err: unknown): void {
  if (e.code === ErrorCode.SERVICE_UNAVAILABLE) log.warn(`${e.message}: ${safeMessage(err)}`);
  else if (e.status >= 500) logSocketError(log, err);
}

/** An error's message without query parameters, for one-line warnings. */
export const safeMessage = (err: unknown): string =>
  err instanceof Error ? serializeError(err).message : String(err);

/** An Error for socket.io's connect_error, carrying the API error code in `data`. */
export function handshakeError(err: unknown): Error & { data: { code: string } } {
  const appError = toAppError(err);
  return Object.assign(new Error(appError.message), { data: { code: appError.code } });
}

/** Validates a client payload; throws VALIDATION_FAILED like the REST routes. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  assertWellFormed(payload, 'Invalid payload');
  const result = schema.safeParse(payload);
  if (!result.success)
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'Invalid payload', zodDetails(result.error));
  return result.data;
}

/** Runs a handler and answers its ack (when the client asked for one) with data or the error envelope. */
export async function answer<T>(ack: unknown, work: () => Promise<T>): Promise<void> {
  let reply: Ack<T>;
  try {
    reply = { ok: true, data: await work() };
  } catch (err) {
    const e = toAppError(err);
    logFailure(logger, e, err);
    const retryAfterMs = retryAfterMsOf(e);
    reply = {
      ok: false,
      error: {
        code: e.code,
        message: e.message,
        ...(e.details ? { details: e.details } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
    };
  }
  if (typeof ack === 'function') (ack as (r: Ack<T>) => void)(reply);
}

const lastSeqs = z
  .record(z.uuid(), z.number().int().min(0).max(2_147_483_647))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 conversations');

/** A `resync` request: conversationId → last contiguous seq, as in the handshake. */
export const resyncPayload = z.strictObject({ lastSeqs });

/** The handshake's `lastSeqs` (conversationId → last seq seen); at most 100 conversations. */
export function handshakeLastSeqs(socket: Socket): Record<string, number> {
  const raw = (socket.handshake.auth as { lastSeqs?: unknown }).lastSeqs;
  if (raw === undefined) return {};
  const parsed = lastSeqs.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      ErrorCode.VALIDATION_FAILED,
      'lastSeqs must map up to 100 conversation ids to sequences',
    );
  }
  return parsed.data;
}

export const authField = (socket: Socket, name: string): string | undefined => {
  const value = (socket.handshake.auth as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

export const originOf = (socket: Socket): string | undefined => {
  const origin = socket.handshake.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
};

/** Runs `authenticate` as the namespace's handshake middleware; a throw refuses the connection. */
export function useHandshake(nsp: Namespace, authenticate: (socket: Socket) => Promise<void>): void {
  nsp.use((socket, next) => {
    authenticate(socket).then(
      () => next(),
      (err: unknown) => next(handshakeError(err)),
    );
  });
}

export const readPayload = z.strictObject({
  conversationId: z.uuid(),
  seq: z.number().int().min(0).max(2_147_483_647).optional(),
});

/** The client IP of a socket, read like Fastify reads it for HTTP (TRUST_PROXY_HOPS, set with TRUST_PROXY). */
export function socketClientIp(socket: Socket, config: AppConfig): string {
  const hops = config.TRUST_PROXY_HOPS ?? 0;
  return normalizeIp(proxyAddr(socket.request, (_address: string, hop: number) => hop < hops));
}

/**
 * Runs a connection's set-up (rooms, resync, presence). Nest does not await connection handlers,
 * so a failure here (e.g. the database away during a resync) is logged and the socket closed,
 * never left as an unhandled rejection; the client reconnects and resyncs.
 */
export async function setUpConnection(socket: Socket, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    logSocketError(logger, err, `socket ${socket.id} set-up failed: `);
    socket.conn.close();
  }
}

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Ends a socket's session at `expiresAt` (ms since epoch): `session.expired`, then a server
 * disconnect (the client does not retry with the dead credential). Re-arms for far-off expiries.
 */
export function expireSocketAt(socket: Socket, expiresAt: number): void {
  if (!socket.connected) return;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = expiresAt - Date.now();
    if (left > MAX_TIMER_MS) {
      timer = setTimeout(arm, MAX_TIMER_MS);
      return;
    }
    timer = setTimeout(
      () => {
        socket.emit('session.expired');
        socket.disconnect(true);
      },
      Math.max(0, left),
    );
  };
  arm();
  socket.once('disconnect', () => clearTimeout(timer));
}
