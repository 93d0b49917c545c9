import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this node as a lease holder; the suffix tells apart runners sharing a host and process. */
export function nodeIdentity(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
