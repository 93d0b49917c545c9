/** Rate limits high enough that no test meets one unless it sets its own. */
export const HIGH_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_AUTH_PER_MINUTE: '100000',
  RATE_LIMIT_CONVERSATIONS_PER_HOUR: '100000',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '100000',
  RATE_LIMIT_SOCKET_EVENTS_PER_10S: '100000',
  RATE_LIMIT_READS_PER_MINUTE: '100000',
  RATE_LIMIT_HANDSHAKES_PER_MINUTE: '100000',
};

/** The environment every in-process test app starts from. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-000',
  DATA_DIR: 'memory://',
  ...HIGH_RATE_LIMITS,
};
