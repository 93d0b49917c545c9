import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from './error-codes';
import { isServerError, toAppError, toErrorBody } from './error-envelope';

/** @nestjs/throttler's own guard names the header after the throttler (Retry-After-<name>). */
const throttlerRetryAfter = (reply: FastifyReply): string | undefined => {
  const name = Object.keys(reply.getHeaders()).find((h) => h.toLowerCase().startsWith('retry-after-'));
  return name === undefined ? undefined : String(reply.getHeader(name));
};

/** Turns every error raised by an HTTP route into the project's error envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const error = toAppError(exception);
    // The database away is one warning per request, not a stack each: an outage would flood the log.
    if (error.code === ErrorCode.SERVICE_UNAVAILABLE) request.log.warn({ code: error.code }, error.message);
    else if (isServerError(error)) request.log.error({ err: exception }, 'unhandled error');
    if (error.headers) void reply.headers(error.headers);
    if (error.code === ErrorCode.RATE_LIMITED && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', throttlerRetryAfter(reply) ?? '60');
    }
    void reply.status(error.status).send(toErrorBody(error, String(request.id)));
  }
}
