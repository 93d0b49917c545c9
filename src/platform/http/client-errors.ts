import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { toErrorBody } from '../errors/error-envelope';
import { REQUEST_ID_HEADER } from './request-id';

/** What Node's HTTP parser reports before there is a request (so before Fastify and Nest), as an AppError. */
function clientError(err: NodeJS.ErrnoException): AppError {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new AppError(ErrorCode.REQUEST_TIMEOUT, 'The request took too long to arrive');
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return new AppError(ErrorCode.HEADERS_TOO_LARGE, 'The request line and headers are too large');
  return new AppError(ErrorCode.BAD_REQUEST, 'Malformed HTTP request');
}

/**
 * Fastify's `clientErrorHandler`: a request Node cannot parse (headers too large, a bad request
 * line or header, a timeout) gets the error envelope with a request id, like every other error,
 * instead of Fastify's own body. The connection is closed after it, as Node does.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const error = clientError(err);
    const requestId = randomUUID(); // no request was parsed, so none of the client's
    const body = JSON.stringify(toErrorBody(error, requestId));
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${REQUEST_ID_HEADER}: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
