/**
 * A fixed-window counter kept in process by its owner: limits on sockets, which live on one node,
 * need no shared storage and cost no round trip.
 */
export class WindowCounter {
  private resetAt = 0;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit; `over` is how far this window has gone past the limit (0 while within it). */
  hit(now = Date.now()): { ok: boolean; retryAfterMs: number; over: number } {
    if (now >= this.resetAt) {
      this.resetAt = now + this.windowMs;
      this.used = 0;
    }
    this.used += 1;
    const over = Math.max(0, this.used - this.limit);
    return { ok: over === 0, retryAfterMs: over === 0 ? 0 : this.resetAt - now, over };
  }

  /** Whether the window has ended, so a fresh counter would count the same. */
  expired(now = Date.now()): boolean {
    return now >= this.resetAt;
  }
}
