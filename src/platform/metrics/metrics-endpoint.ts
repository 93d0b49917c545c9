import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '../crypto';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { toErrorBody } from '../errors/error-envelope';
import type { Metrics } from './metrics.service';

export const METRICS_PATH = '/metrics';

/** Whether the Authorization header carries `token` as a bearer token (compared in constant time). */
export function isAuthorized(token: string | undefined, authorization: string | undefined): boolean {
  if (token === undefined) return true;
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (presented === undefined) return false;
  return timingSafeEqual(Buffer.from(sha256(presented), 'hex'), Buffer.from(sha256(token), 'hex'));
}

const unauthenticated = (): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'Metrics need the METRICS_TOKEN bearer token');

/**
 * GET /metrics on the main port, behind METRICS_TOKEN: a plain Fastify route, so neither the agent
 * JWT guard nor the OpenAPI document (and the sweeps driven by it) see it.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: Metrics, token: string): void {
  fastify.get(METRICS_PATH, async (request, reply) => {
    if (!isAuthorized(token, request.headers.authorization)) {
      const error = unauthenticated();
      void reply.status(error.status).header('www-authenticate', 'Bearer');
      return toErrorBody(error, String(request.id));
    }
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

function sendError(res: ServerResponse, error: AppError, requestId: string): void {
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': requestId,
    ...(error.code === ErrorCode.UNAUTHENTICATED ? { 'www-authenticate': 'Bearer' } : {}),
  });
  res.end(JSON.stringify(toErrorBody(error, requestId)));
}

/** The METRICS_PORT server: GET /metrics and nothing else (behind METRICS_TOKEN when it is set). */
export function createMetricsServer(metrics: Metrics, token: string | undefined): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    if (req.method !== 'GET' || req.url?.split('?')[0] !== METRICS_PATH) {
      return sendError(res, new AppError(ErrorCode.ROUTE_NOT_FOUND, 'Route not found'), requestId);
    }
    if (!isAuthorized(token, req.headers.authorization)) return sendError(res, unauthenticated(), requestId);
    metrics.registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'x-request-id': requestId });
        res.end(body);
      },
      () => sendError(res, new AppError(ErrorCode.INTERNAL_ERROR, 'Internal server error'), requestId),
    );
  });
}
