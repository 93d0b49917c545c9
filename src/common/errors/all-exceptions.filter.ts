import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toAppError, isServerError, type ErrorBody } from './error-envelope';

/** Turns every error raised by an HTTP route into the project's error envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const error = toAppError(exception);
    if (isServerError(error)) request.log.error({ err: exception }, 'unhandled error');
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
      requestId: String(request.id),
    };
    if (error.headers) void reply.headers(error.headers);
    void reply.status(error.status).send(body);
  }
}
