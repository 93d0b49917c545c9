import { createHash } from 'node:crypto';
import { normalizeIp } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/env.schema';

/** Route metadata key: the buckets a route counts against. */
export const RATE_LIMIT_BUCKETS = 'spectre:rateLimitBuckets';

/**
 * The limited actions, counted in shared storage (Redis when set). HTTP routes opt in with the
 * decorators in rate-limit.decorators.ts; services and gateways call RateLimiter. Socket events per
 * visitor or user are counted in process, per node (SocketEventLimiter).
 */
export type RateLimitBucket =
  'auth-ip' | 'auth-email' | 'conversation' | 'visitor' | 'message' | 'read' | 'handshake';

export interface BucketLimit {
  limit: number;
  ttlMs: number;
}

const MINUTE = 60_000;

export function bucketLimits(config: AppConfig): Record<RateLimitBucket, BucketLimit> {
  return {
    'auth-ip': { limit: config.RATE_LIMIT_AUTH_PER_MINUTE, ttlMs: MINUTE },
    'auth-email': { limit: config.RATE_LIMIT_AUTH_PER_MINUTE, ttlMs: MINUTE },
    conversation: { limit: config.RATE_LIMIT_CONVERSATIONS_PER_HOUR, ttlMs: 60 * MINUTE },
    // Anonymous visitors made by POST /widget/session, per IP and project (a send's visitor counts as its conversation).
    visitor: { limit: config.RATE_LIMIT_CONVERSATIONS_PER_HOUR, ttlMs: 60 * MINUTE },
    message: { limit: config.RATE_LIMIT_MESSAGES_PER_MINUTE, ttlMs: MINUTE },
    // Read receipts per visitor or agent (REST and socket), counted in ConversationsService.
    read: { limit: config.RATE_LIMIT_READS_PER_MINUTE, ttlMs: MINUTE },
    // Widget socket handshakes per visitor, counted by the widget gateway once the token is verified.
    handshake: { limit: config.RATE_LIMIT_HANDSHAKES_PER_MINUTE, ttlMs: MINUTE },
  };
}

/** What the widget guard leaves on the request, used to key widget limits. */
interface WidgetAwareRequest extends FastifyRequest {
  widget?: { project: { id: string }; visitorId?: string };
}

export const clientIp = (request: FastifyRequest): string => normalizeIp(request.ip);

function projectOf(request: WidgetAwareRequest): string {
  const key = request.headers['x-project-key'];
  return request.widget?.project.id ?? (typeof key === 'string' ? `key:${key}` : 'none');
}

const emailOf = (request: FastifyRequest): string | undefined => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : undefined;
};

/**
 * Who a request is counted against in a bucket; undefined means the bucket does not apply
 * (e.g. refresh carries no email). Handler-specific buckets include the route.
 */
export function trackerFor(
  bucket: RateLimitBucket,
  request: FastifyRequest,
  route: string,
): string | undefined {
  const req = request as WidgetAwareRequest;
  switch (bucket) {
    case 'auth-ip':
      return `${route}:${clientIp(req)}`;
    case 'auth-email': {
      const email = emailOf(req);
      return email && `${route}:${email}`;
    }
    case 'conversation':
    case 'visitor':
      return `${projectOf(req)}:${clientIp(req)}`;
    case 'message': {
      const visitor = req.widget?.visitorId;
      return visitor ? `visitor:${visitor}` : `${projectOf(req)}:${clientIp(req)}`;
    }
    case 'read':
    case 'handshake':
      // Counted where the reader is known, for REST and sockets alike, never by a route decorator.
      return undefined;
  }
}

/** Storage key: hashed so Redis never holds emails or IPs, prefixed per deployment. */
export const storageKey = (prefix: string, bucket: RateLimitBucket, tracker: string): string =>
  `${prefix}:${bucket}:${createHash('sha256').update(tracker).digest('base64url').slice(0, 32)}`;
