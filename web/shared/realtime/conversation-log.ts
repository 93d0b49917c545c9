// A conversation's messages as the server numbered them: each seq once, in order, whatever mix of
// history pages, live events and resync replays delivers them. Visitors see gaps (internal notes
// take seqs too), so the resync point is the highest seq held, not a count.

export interface SeqMessage {
  seq: number;
  clientMessageId: string;
}

export class ConversationLog<M extends SeqMessage> {
  private readonly bySeq = new Map<number, M>();
  private sorted: M[] = [];

  /** Adds what is new; returns how many messages were new. */
  apply(messages: M[]): number {
    let added = 0;
    for (const m of messages) {
      if (this.bySeq.has(m.seq)) continue;
      this.bySeq.set(m.seq, m);
      added++;
    }
    if (added) this.sorted = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    return added;
  }

  get items(): readonly M[] {
    return this.sorted;
  }

  /** Where a reconnect resumes (`auth.lastSeqs`, REST `?after=`). */
  resyncPoint(): number {
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

  /** The server replays at most 100 conversations: the ones held, with something in them. */
  lastSeqs(): Record<string, number> {
    const seqs: Record<string, number> = {};
    for (const [id, log] of this.logs) if (log.resyncPoint() > 0) seqs[id] = log.resyncPoint();
    return Object.fromEntries(Object.entries(seqs).slice(-100));
  }

  clear(): void {
    this.logs.clear();
  }
}
