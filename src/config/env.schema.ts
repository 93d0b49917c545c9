import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration like 900s, 15m, 12h or 7d');

const optionalUrl = (protocol: RegExp, example: string) =>
  z
    .string()
    .trim()
    .pipe(z.url({ protocol, error: `must be a URL like ${example}` }))
    .optional();

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A whole number written in decimal digits, within [min, max]. */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const positiveInt = integer(1);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(0, 65535).default(3001),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalUrl(/^postgres(ql)?$/, 'postgres://user:password@host:5432/database'),
  DATABASE_POOL_SIZE: positiveInt.default(20),
  DATA_DIR: z.string().min(1).default('./.data'),
  MIGRATE_ON_BOOT: bool.default(true),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_EXPIRES_IN: duration.default('15m'),
  JWT_REFRESH_EXPIRES_IN: duration.default('7d'),
  VISITOR_TOKEN_EXPIRES_IN: duration.default('30d'),
  CORS_ORIGINS: csv.default([]),
  REDIS_URL: optionalUrl(/^rediss?$/, 'redis://host:6379'),
  /** The Redis stream real-time events cross nodes through (deployments, or test runs, sharing one Redis). */
  REALTIME_STREAM: z.string().min(1).max(128).default('spectre:bus'),
  TRUST_PROXY: bool.default(false),
  BODY_LIMIT_BYTES: positiveInt.default(64 * 1024),
  RATE_LIMIT_ENABLED: bool.default(true),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt.default(10),
  RATE_LIMIT_CONVERSATIONS_PER_HOUR: positiveInt.default(20),
  RATE_LIMIT_MESSAGES_PER_MINUTE: positiveInt.default(60),
  RATE_LIMIT_SOCKET_EVENTS_PER_10S: positiveInt.default(50),
  RATE_LIMIT_READS_PER_MINUTE: positiveInt.default(120),
  RATE_LIMIT_HANDSHAKES_PER_MINUTE: positiveInt.default(30),
  /** With TRUST_PROXY: how many proxies append to X-Forwarded-For; 1 (one load balancer) when unset. */
  TRUST_PROXY_HOPS: positiveInt.optional(),
  /** Namespaces rate-limit counters in Redis (several deployments, or tests, sharing one Redis). */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).max(64).default('spectre:rl'),
  /** A port of its own for GET /metrics (keep it off the public network); off when unset. */
  METRICS_PORT: integer(1, 65535).optional(),
  /** Interface METRICS_PORT listens on: loopback unless a scraper on another host must reach it. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Bearer token for GET /metrics: on the main port, which has no /metrics without it, and on METRICS_PORT. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Outgoing mail: smtp:// or smtps:// with credentials. Unset: .eml files (development, test) or off (production). */
  SMTP_URL: optionalUrl(/^smtps?$/, 'smtps://user:password@smtp.example.com:465'),
  MAIL_FROM: z.string().trim().min(3).default('Spectre <no-reply@localhost>'),
  /** Public URL of the console, for links in mails; http://localhost:PORT when unset. */
  APP_URL: optionalUrl(/^https?$/, 'https://chat.example.com'),
  /** How long an agent reply may stay unseen before the visitor is mailed it. */
  EMAIL_CONTINUITY_DELAY: duration.default('2m'),
  /** Lets webhooks reach loopback, private and link-local addresses (development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: bool.default(false),
  /** First webhook retry delay; the whole schedule scales with it (docs/webhooks.md). */
  WEBHOOK_RETRY_BASE_MS: positiveInt.default(30_000),
  /** Largest attachment any project may accept (a project's settings.attachments.maxBytes is capped by it). */
  ATTACHMENT_MAX_BYTES: positiveInt.default(25 * 1024 * 1024),
  /** S3-compatible object storage for attachments; without S3_BUCKET they go to DATA_DIR/attachments. */
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: optionalUrl(/^https?$/, 'https://s3.eu-west-1.amazonaws.com'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (http://host/bucket/key), which MinIO and most self-hosted servers need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface AppConfig extends Omit<RawEnv, 'JWT_SECRET' | 'APP_URL'> {
  JWT_SECRET: string;
  /** Without a trailing slash. */
  APP_URL: string;
  /** Proxies trusted in X-Forwarded-For: set (1 by default) exactly when TRUST_PROXY is, never "all of them". */
  TRUST_PROXY_HOPS?: number;
  isProduction: boolean;
  /** Set when JWT_SECRET was generated for this process (development only). */
  generatedJwtSecret: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; throws a ConfigError naming every bad variable. */
export function parseEnv(env: NodeJS.ProcessEnv): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  // Checked on the raw value too, so a production boot names this alongside any other bad variable.
  if (cleaned.NODE_ENV === 'production' && !cleaned.JWT_SECRET) {
    problems.push('JWT_SECRET: is required when NODE_ENV=production');
  }
  if (result.success && result.data.METRICS_PORT === result.data.PORT) {
    problems.push(
      'METRICS_PORT: must differ from PORT (set METRICS_TOKEN to serve /metrics on the main port)',
    );
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const data = result.data;
  return {
    ...data,
    JWT_SECRET: data.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    APP_URL: (data.APP_URL ?? `http://localhost:${data.PORT}`).replace(/\/+$/, ''),
    TRUST_PROXY_HOPS: data.TRUST_PROXY ? (data.TRUST_PROXY_HOPS ?? 1) : undefined,
    isProduction: data.NODE_ENV === 'production',
    generatedJwtSecret: !data.JWT_SECRET,
  };
}
