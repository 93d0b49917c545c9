import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The unsubscribe link's token: the visitor id and an HMAC of it under the server's secret, so it
 * needs no storage, does not expire, and cannot be made for another visitor.
 */
const mac = (secret: string, visitorId: string): Buffer =>
  createHmac('sha256', secret).update(`spectre:unsubscribe:${visitorId}`).digest();

export const unsubscribeToken = (secret: string, visitorId: string): string =>
  `${Buffer.from(visitorId).toString('base64url')}.${mac(secret, visitorId).toString('base64url')}`;

/** The visitor id a token names, or undefined when it is not one of ours. */
export function visitorOfUnsubscribeToken(secret: string, token: string): string | undefined {
  const [id64, sig64, ...rest] = token.split('.');
  if (!id64 || !sig64 || rest.length > 0) return undefined;
  const visitorId = Buffer.from(id64, 'base64url').toString();
  if (!/^[0-9a-f-]{36}$/i.test(visitorId)) return undefined;
  const given = Buffer.from(sig64, 'base64url');
  const expected = mac(secret, visitorId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : undefined;
}
