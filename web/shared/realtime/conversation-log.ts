// A conversation's messages as the server numbered them: each seq once, in order, whatever mix of
// history pages, live events and resync replays delivers them, and the CHECKPOINT a resync resumes
// from. The checkpoint is not the highest seq held: a live event lost before a message that arrived
// another way (the visitor's own send) would never be replayed. It moves only on sources known to be
// contiguous (docs/realtime-delivery.md, "Sequences").

export interface SeqMessage {
  seq: number;
  clientMessageId: string;
}

export class ConversationLog<M extends SeqMessage> {
  private readonly bySeq = new Map<number, M>();
  private sorted: M[] = [];
  private contiguous = 0;

  /**
   * Adds what is new; returns how many messages were new. `contiguousTo`: the source vouches that
   * nothing visible is missing up to this seq (a replay's last seq, a page read after the checkpoint,
   * the latest page). Without it the checkpoint moves only over seqs that follow it directly.
   */
  apply(messages: M[], contiguousTo = 0): number {
    let added = 0;
    for (const m of messages) {
      if (this.bySeq.has(m.seq)) continue;
      this.bySeq.set(m.seq, m);
      added++;
    }
    if (added) this.sorted = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.contiguous = Math.max(this.contiguous, contiguousTo);
    while (this.bySeq.has(this.contiguous + 1)) this.contiguous++;
    return added;
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  get items(): readonly M[] {
    return this.sorted;
  }

  /** Where a resync resumes (`auth.lastSeqs`, a `resync`, REST `?after=`): the last contiguous seq. */
  checkpoint(): number {
    return this.contiguous;
  }

  /** The newest seq held (what a read marker may claim the visitor has seen), or 0 when empty. */
  newestSeq(): number {
    return this.sorted.at(-1)?.seq ?? 0;
  }

  /** The oldest seq held (REST `?before=` for the previous page), or undefined when empty. */
  oldestSeq(): number | undefined {
    return this.sorted[0]?.seq;
  }

  hasClientId(clientMessageId: string): boolean {
    return this.sorted.some((m) => m.clientMessageId === clientMessageId);
  }
}

/** Every conversation a client follows, and the `lastSeqs` its (re)connect hands the server. */
export class ConversationLogs<M extends SeqMessage> {
  private readonly logs = new Map<string, ConversationLog<M>>();

  of(conversationId: string): ConversationLog<M> {
    let log = this.logs.get(conversationId);
    if (!log) this.logs.set(conversationId, (log = new ConversationLog<M>()));
    return log;
  }

  /**
   * The server replays at most 100 conversations: the ones with something held, each from its
   * checkpoint (0 when nothing contiguous is known yet: replay it all).
   */
  lastSeqs(): Record<string, number> {
    const seqs: Record<string, number> = {};
    for (const [id, log] of this.logs)
      if (log.items.length > 0 || log.checkpoint() > 0) seqs[id] = log.checkpoint();
    return Object.fromEntries(Object.entries(seqs).slice(-100));
  }

  clear(): void {
    this.logs.clear();
  }
}
