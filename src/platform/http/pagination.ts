import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

/** A whole number in a query string: digits only (no "", "0x10", "1e2" or "-0"). */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const limitSchema = queryInt(1, 100).default(50);

export interface PageMeta {
  nextCursor: string | null;
  hasMore: boolean;
}

/** Opaque cursors: base64url JSON, so their shape can change without breaking clients. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError(ErrorCode.INVALID_CURSOR, 'cursor is not valid');
  }
}

/**
 * A page from `limit + 1` rows (the extra row only says more exist); the next cursor encodes
 * `keyOf(last row of the page)`.
 */
export function keysetPage<R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => unknown,
): { page: R[]; meta: PageMeta } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit;
  return { page, meta: { nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null, hasMore } };
}
