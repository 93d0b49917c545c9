// Failures a visitor must be told about in words (and the site's developer in the console).
import { ApiError } from '@shared/api/client';
import type { Strings } from '../strings';

export interface Problem {
  code: string;
  text: string;
  /** The widget cannot work at all here (wrong key, origin not allowed): the composer is disabled. */
  fatal: boolean;
}

const warned = new Set<string>();

export function describeProblem(t: Strings, code: string, message: string, retryAfterMs?: number): Problem {
  if (!warned.has(code)) {
    warned.add(code);
    console.warn(`Spectre: ${code}: ${message}`);
  }
  switch (code) {
    case 'PROJECT_KEY_INVALID':
      return { code, text: t.errorKey, fatal: true };
    case 'ORIGIN_NOT_ALLOWED':
      return { code, text: t.errorOrigin, fatal: true };
    case 'RATE_LIMITED':
      return { code, text: t.errorRateLimited(Math.ceil((retryAfterMs ?? 60_000) / 1000)), fatal: false };
    default:
      return { code, text: t.errorGeneric, fatal: false };
  }
}

export const problemOf = (t: Strings, err: unknown): Problem =>
  err instanceof ApiError
    ? describeProblem(t, err.code, err.message, err.retryAfterMs)
    : describeProblem(t, 'INTERNAL_ERROR', String(err));

/** A random id for idempotent sends (randomUUID needs a secure context; sites may be plain http). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A short chime for a reply that arrives while the chat is closed (when the site asked for sound). */
export function chime(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.05;
    osc.connect(gain).connect(ctx.destination);
    osc.onended = () => void ctx.close();
    osc.start();
    osc.stop(ctx.currentTime + 0.15);
  } catch {
    /* no audio: the badge and the title still tell */
  }
}
