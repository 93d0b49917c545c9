/**
 * The retry schedule, in units of WEBHOOK_RETRY_BASE_MS (30 s by default): after failed attempt n the
 * next comes base × 2^(n-1) later, capped at 720 × base (6 h), plus up to 20 % jitter so endpoints
 * that failed together are not retried together. With the default base that is 30 s, 1, 2, 4, 8, 16,
 * 32 min, 1.1, 2.1, 4.3 h, then every 6 h: attempt 15, the last, comes about 32.5 h after the first.
 */
export const MAX_ATTEMPTS = 15;
const CAP_FACTOR = 720;
const JITTER = 0.2;

export function retryDelayMs(failedAttempts: number, baseMs: number, random = Math.random): number {
  const delay = Math.min(baseMs * 2 ** (failedAttempts - 1), baseMs * CAP_FACTOR);
  return Math.round(delay * (1 + JITTER * random()));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The longest Retry-After honoured; a larger one waits this long. */
const MAX_RETRY_AFTER_MS = 6 * 3600_000;

/**
 * The wait before the next attempt: the schedule's step, or longer when a 429/503 asks for it
 * (never shorter: `Retry-After: 0` must not turn the schedule into a tight loop).
 */
export function nextRetryMs(
  r: { statusCode: number | null; retryAfter?: string },
  failedAttempts: number,
  baseMs: number,
  random = Math.random,
): number {
  const step = retryDelayMs(failedAttempts, baseMs, random);
  const asked = r.statusCode === 429 || r.statusCode === 503 ? retryAfterMs(r.retryAfter) : undefined;
  return asked === undefined ? step : Math.max(Math.min(asked, MAX_RETRY_AFTER_MS), step);
}

/** A failing endpoint is turned off after this long without a single success. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3600_000;
