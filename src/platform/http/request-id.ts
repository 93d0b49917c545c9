import { randomUUID } from 'node:crypto';

/** The header that names a request: a client may send one; every response carries it. */
export const REQUEST_ID_HEADER = 'x-request-id';

const WELL_FORMED = /^[\w.:-]{1,128}$/;

/**
 * The id of an incoming request (Fastify's `genReqId`): the client's `x-request-id` when it is
 * well-formed (1–128 of `A-Za-z0-9_.:-`), else a new UUID. It is echoed in the response header, the
 * error body and every log line of the request, so nothing else a client sends may reach them.
 */
export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}
