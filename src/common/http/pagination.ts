import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

export const limitSchema = z.coerce.number().int().min(1).max(100).default(50);

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
