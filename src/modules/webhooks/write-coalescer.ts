/**
 * Group commit: each `add` resolves once a `flush` containing its item committed (or rejects with
 * that flush's error). A write goes out at once while fewer than `maxFlushing` flushes are in flight;
 * beyond that, what is added waits and goes out together in the next flush. So a quiet node writes
 * each outcome as soon as it has it, and a busy one writes many per statement.
 */
export class WriteCoalescer<T> {
  private pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing = 0;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxFlushing = 4,
    private readonly maxItems = 200,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.flushing < this.maxFlushing) void this.next();
    });
  }

  private async next(): Promise<void> {
    this.flushing += 1;
    try {
      while (this.pending.length > 0) {
        const taken = this.pending.splice(0, this.maxItems);
        try {
          await this.flush(taken.map((p) => p.item));
          for (const p of taken) p.resolve();
        } catch (err) {
          for (const p of taken) p.reject(err);
        }
      }
    } finally {
      this.flushing -= 1;
    }
  }
}
