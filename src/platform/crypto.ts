import { createHash, createSecretKey, randomBytes } from 'node:crypto';

/** A URL-safe random secret with a readable prefix (e.g. "rt_", "pk_"). */
export const randomToken = (prefix: string, bytes = 32): string =>
  prefix + randomBytes(bytes).toString('base64url');

/** Tokens we only need to look up, never to read back, are stored as SHA-256. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * An HMAC key object for JWT signing. jsonwebtoken first tries to parse a string or Buffer secret
 * as a PEM public key (and fails) on every call; a KeyObject skips that, a large share of request
 * CPU. @nestjs/jwt's types only name string | Buffer, hence the cast where it is passed.
 */
export const jwtKey = (secret: string | Buffer): string =>
  createSecretKey(Buffer.from(secret)) as unknown as string;
