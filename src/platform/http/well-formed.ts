import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { replyWithError } from '../errors/error-envelope';

const MAX_DEPTH = 64;
// With the u flag a surrogate pair is one code point; only a lone surrogate is in category Cs.
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
export const LONE_SURROGATE_MESSAGE = 'must not contain unpaired UTF-16 surrogates';

/** The segments, innermost first, to the first ill-formed string under `value` ([] for itself). */
function loneSurrogateAt(value: unknown, depth: number): string[] | undefined {
  if (typeof value === 'string') return wellFormed(value) ? undefined : [];
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!wellFormed(key)) return [key.replace(LONE_SURROGATE, '\uFFFD')];
    const found = loneSurrogateAt(item, depth + 1);
    if (found !== undefined) return [...found, key];
  }
  return undefined;
}

/**
 * The path of the first string (value or key) holding a lone UTF-16 surrogate ("a\ud800b" in
 * JSON), or undefined. PostgreSQL would store one as U+FFFD, silently changing what was sent.
 * (The path is built only when one is found: every request body goes through this.)
 */
export function loneSurrogatePath(value: unknown): string | undefined {
  const found = loneSurrogateAt(value, 0);
  return found && (found.reverse().join('.') || '(root)');
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
      replyWithError(err, request, reply);
    }
  });
}
