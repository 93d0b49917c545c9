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
