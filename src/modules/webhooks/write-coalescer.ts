/**
 * Gathers writes made at about the same time into one call of `flush`: each `add` resolves once a
 * flush that contains its item committed (or rejects with that flush's error). One flush runs at a
 * time; what is added meanwhile goes into the next one.
 */
export class WriteCoalescer<T> {
  private pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxItems = 200,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.flushing ??= this.run();
    });
  }

  private async run(): Promise<void> {
    // Let the attempts that finish in this turn of the event loop join the first flush.
    await new Promise<void>((r) => setImmediate(r));
    while (this.pending.length > 0) {
      const taken = this.pending.splice(0, this.maxItems);
      try {
        await this.flush(taken.map((p) => p.item));
        for (const p of taken) p.resolve();
      } catch (err) {
        for (const p of taken) p.reject(err);
      }
    }
    this.flushing = undefined;
  }
}
