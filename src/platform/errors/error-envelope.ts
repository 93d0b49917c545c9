import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ZodValidationException } from 'nestjs-zod';
import type { FastifyReply } from 'fastify';
import type { ZodError } from 'zod';
import { isDatabaseUnavailable, sqlStateOf } from '../../db/pg-errors';
import { AppError, type ErrorDetail } from './app-error';
import { ErrorCode } from './error-codes';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
  requestId: string;
}

// PostgreSQL SQLSTATEs that are caused by the request, not by the server.
const PG_ERRORS: Record<string, [ErrorCode, string]> = {
  '23505': [ErrorCode.CONFLICT, 'A resource with these values already exists'],
  '23503': [ErrorCode.NOT_FOUND, 'A referenced resource does not exist'],
  '22P02': [ErrorCode.VALIDATION_FAILED, 'A value has an invalid format'],
  '22001': [ErrorCode.VALIDATION_FAILED, 'A value is too long'],
  '22003': [ErrorCode.VALIDATION_FAILED, 'A number is out of range'],
  '22007': [ErrorCode.VALIDATION_FAILED, 'A date has an invalid format'],
  '22008': [ErrorCode.VALIDATION_FAILED, 'A date is out of range'],
  // NUL characters: text (invalid byte sequence) and jsonb (unsupported escape) cannot store them.
  '22021': [ErrorCode.VALIDATION_FAILED, 'A value contains a character that cannot be stored'],
  '22P05': [ErrorCode.VALIDATION_FAILED, 'A value contains a character that cannot be stored'],
};

/** Seconds a client should wait before retrying while the database is away (restarts take about that). */
export const DATABASE_RETRY_AFTER_S = 1;

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.ROUTE_NOT_FOUND,
  408: ErrorCode.REQUEST_TIMEOUT,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  414: ErrorCode.URI_TOO_LONG,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  431: ErrorCode.HEADERS_TOO_LARGE,
};

export function zodDetails(error: ZodError): ErrorDetail[] {
  // An unknown key is reported at its own path (zod puts it on the parent object).
  const issues = error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [...i.path, key], message: 'Unknown field' }))
      : [{ path: i.path, message: i.message }],
  );
  return issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || undefined, message: i.message }));
}

/**
 * Maps any thrown value to an AppError; the database being away is SERVICE_UNAVAILABLE with
 * Retry-After, unknown errors INTERNAL_ERROR.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodValidationException) {
    return new AppError(
      ErrorCode.VALIDATION_FAILED,
      'Request validation failed',
      zodDetails(err.getZodError() as ZodError),
    );
  }
  if (err instanceof ThrottlerException) return new AppError(ErrorCode.RATE_LIMITED, 'Too many requests');
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = HTTP_STATUS_CODES[status];
    if (code) return new AppError(code, status === 404 ? 'Route not found' : err.message);
    if (status >= 500) return new AppError(ErrorCode.INTERNAL_ERROR, 'Internal server error');
    return new AppError(ErrorCode.BAD_REQUEST, err.message);
  }
  // A Fastify route's own JSON schema (routes outside Nest, such as /demo).
  if ((err as { code?: unknown })?.code === 'FST_ERR_VALIDATION') {
    return new AppError(ErrorCode.VALIDATION_FAILED, 'Request validation failed', [
      { message: (err as Error).message },
    ]);
  }
  // Fastify's own errors (body parsing, limits, content type) carry a statusCode.
  const fastifyStatus = (err as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const code = HTTP_STATUS_CODES[fastifyStatus] ?? ErrorCode.BAD_REQUEST;
    // The router's 414 quotes the whole path back; say what is wrong instead.
    return new AppError(
      code,
      code === ErrorCode.URI_TOO_LONG ? 'A path segment is too long' : (err as Error).message,
    );
  }
  if (isDatabaseUnavailable(err)) {
    return new AppError(
      ErrorCode.SERVICE_UNAVAILABLE,
      'The database is unavailable; retry shortly',
      undefined,
      {
        'retry-after': String(DATABASE_RETRY_AFTER_S),
      },
    );
  }
  const sqlState = sqlStateOf(err);
  if (sqlState && PG_ERRORS[sqlState]) return new AppError(...PG_ERRORS[sqlState]);
  // Any other data exception (class 22: a value PostgreSQL cannot take) is the input's fault too.
  if (sqlState?.startsWith('22')) return new AppError(ErrorCode.VALIDATION_FAILED, 'A value is out of range');
  return new AppError(ErrorCode.INTERNAL_ERROR, 'Internal server error');
}

export const isServerError = (e: AppError): boolean => e.status >= HttpStatus.INTERNAL_SERVER_ERROR;

export const toErrorBody = (error: AppError, requestId: string): ErrorBody => ({
  error: {
    code: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  },
  requestId,
});

/** An error's Retry-After in milliseconds, for socket acks (which have no headers). */
export function retryAfterMsOf(error: AppError): number | undefined {
  const name = Object.keys(error.headers ?? {}).find((h) => h.toLowerCase() === 'retry-after');
  if (name === undefined) return undefined;
  const seconds = Number(error.headers![name]);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Answers `err` with the error envelope, for handlers outside Nest's exception filter. (The header
 * name is spelled out: platform/http depends on errors, not the reverse.)
 */
export function replyWithError(err: unknown, request: { id: string }, reply: FastifyReply): void {
  const error = toAppError(err);
  void reply
    .status(error.status)
    .headers(error.headers ?? {})
    .header('x-request-id', request.id)
    .send(toErrorBody(error, String(request.id)));
}
