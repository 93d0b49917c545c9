import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random secret with a readable prefix (e.g. "rt_", "pk_"). */
export const randomToken = (prefix: string, bytes = 32): string =>
  prefix + randomBytes(bytes).toString('base64url');

/** Tokens we only need to look up, never to read back, are stored as SHA-256. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
