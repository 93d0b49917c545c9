import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/env.schema';

/**
 * The console's refresh token, kept where page scripts cannot read it: an HttpOnly, SameSite=Strict
 * cookie sent only to the auth routes. API clients never see it: they keep the token in the body.
 */
export const REFRESH_COOKIE = 'spectre_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/** The request header by which the console asks for the cookie instead of a token in the body. */
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';
const MAX_TOKEN_LENGTH = 2000;

/** Whether the caller asked for the refresh token as a cookie (`X-Refresh-Cookie: 1`). */
export function wantsRefreshCookie(request: FastifyRequest): boolean {
  return request.headers[REFRESH_COOKIE_HEADER] === '1';
}

/** The refresh token from the request's Cookie header, when it has a well-formed one. */
export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    // Tokens are base64url with a prefix: anything else is not ours (and never reaches SQL).
    return value.length <= MAX_TOKEN_LENGTH && /^[\w-]+$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** Secure outside development and test on plain http (browsers drop Secure cookies over http). */
function secure(config: AppConfig, request: FastifyRequest): boolean {
  return config.isProduction || request.protocol === 'https';
}

function serialize(config: AppConfig, request: FastifyRequest, value: string, maxAgeS: number): string {
  const attributes = [
    `${REFRESH_COOKIE}=${value}`,
    `Path=${REFRESH_COOKIE_PATH}`,
    `Max-Age=${maxAgeS}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (secure(config, request)) attributes.push('Secure');
  return attributes.join('; ');
}

export function setRefreshCookie(
  config: AppConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeMs: number,
): void {
  void reply.header('set-cookie', serialize(config, request, token, Math.floor(maxAgeMs / 1000)));
}

export function clearRefreshCookie(config: AppConfig, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', serialize(config, request, '', 0));
}
