// One conversation's messages as the agent sees them, kept by seq. Agents see every message,
// internal notes included, so their seqs are contiguous: a seq past `lastSeq + 1` is a gap to
// fetch (`GET …/messages?after=lastSeq`), a seq already held is a duplicate (a replay after a
// reconnect, or the echo of our own send), and a pending send is settled by its clientMessageId.
import type { Message } from '../workspace/types';

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  private: boolean;
  failed: boolean;
}

export type ApplyResult = 'added' | 'duplicate' | 'gap';

export class ConversationLog {
  private bySeq = new Map<number, Message>();
  readonly pending = new Map<string, PendingMessage>();
  /** The highest seq up to which every message is held (the resync point). */
  lastSeq = 0;
  /** The lowest seq held; older pages are fetched with `before`. */
  firstSeq = Infinity;
  hasOlder = false;

  /** Messages in seq order. */
  messages(): Message[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  /** A page from REST (ascending). `older` pages extend upwards; others are the latest page. */
  addPage(page: Message[], hasMore: boolean, older = false): void {
    if (older || this.bySeq.size === 0) this.hasOlder = hasMore;
    for (const m of page) this.put(m);
    this.advance();
  }

  /** A live or replayed message. A gap is not applied: fetch what is missing first. */
  apply(m: Message): ApplyResult {
    this.pending.delete(m.clientMessageId);
    if (this.bySeq.has(m.seq)) return 'duplicate';
    // Before the first page, nothing is known to follow on from.
    if (this.bySeq.size === 0 || m.seq > this.lastSeq + 1) return 'gap';
    this.put(m);
    this.advance();
    return 'added';
  }

  private put(m: Message): void {
    this.pending.delete(m.clientMessageId);
    this.bySeq.set(m.seq, m);
    if (m.seq < this.firstSeq) this.firstSeq = m.seq;
  }

  private advance(): void {
    if (this.bySeq.size === 0) return;
    if (this.lastSeq < this.firstSeq - 1) this.lastSeq = this.firstSeq - 1;
    while (this.bySeq.has(this.lastSeq + 1)) this.lastSeq += 1;
  }
}
