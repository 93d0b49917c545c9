import { WindowCounter } from './window-counter';

/**
 * One WindowCounter per key (e.g. `visitor:<id>`, `user:<id>`), so every socket of one client on
 * this node spends the same budget. A key's counter is dropped once its window has ended (swept at
 * most once per window), so the map holds only the keys seen in about the last two windows.
 */
export class KeyedWindowCounter {
  private readonly counters = new Map<string, WindowCounter>();
  private sweepAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): ReturnType<WindowCounter['hit']> {
    this.sweep(now);
    let counter = this.counters.get(key);
    if (!counter) {
      counter = new WindowCounter(this.limit, this.windowMs);
      this.counters.set(key, counter);
    }
    return counter.hit(now);
  }

  /** Keys currently held (for tests). */
  get size(): number {
    return this.counters.size;
  }

  private sweep(now: number): void {
    if (now < this.sweepAt) return;
    this.sweepAt = now + this.windowMs;
    for (const [key, counter] of this.counters) if (counter.expired(now)) this.counters.delete(key);
  }
}
