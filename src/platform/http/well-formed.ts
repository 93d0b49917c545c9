import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { toErrorBody } from '../errors/error-envelope';
import { REQUEST_ID_HEADER } from './request-id';

const MAX_DEPTH = 64;
// With the u flag a surrogate pair is one code point; only a lone surrogate is in category Cs.
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
export const LONE_SURROGATE_MESSAGE = 'must not contain unpaired UTF-16 surrogates';

/**
 * The path of the first string (value or key) holding a lone UTF-16 surrogate ("a\ud800b" in
 * JSON), or undefined. PostgreSQL would store one as U+FFFD, silently changing what was sent.
 */
export function loneSurrogatePath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return wellFormed(value) ? undefined : path.join('.') || '(root)';
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!wellFormed(key)) return [...path, key.replace(LONE_SURROGATE, '\uFFFD')].join('.');
    const found = loneSurrogatePath(item, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Throws VALIDATION_FAILED, like a zod refinement, when `value` holds a lone surrogate. */
export function assertWellFormed(value: unknown, message = 'Request validation failed'): void {
  const path = loneSurrogatePath(value);
  if (path !== undefined) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, message, [{ path, message: LONE_SURROGATE_MESSAGE }]);
  }
}

/**
 * Refuses, before any guard or route, a JSON body holding a lone surrogate (400). Queries cannot
 * carry one (percent-decoding turns invalid UTF-8 into U+FFFD); they are checked all the same.
 */
export function registerWellFormedInput(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, reply, done) => {
    try {
      assertWellFormed(request.query);
      assertWellFormed(request.body);
      done();
    } catch (err) {
      const error = err as AppError;
      void reply
        .status(error.status)
        .header(REQUEST_ID_HEADER, request.id)
        .send(toErrorBody(error, String(request.id)));
    }
  });
}
