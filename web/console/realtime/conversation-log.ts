// One conversation's messages as the agent sees them, on the shared seq log. Agents see every
// message, internal notes included, so their seqs are contiguous: a seq past `lastSeq + 1` is a gap
// to fetch (`GET …/messages?after=lastSeq`), a seq already held is a duplicate (a replay after a
// reconnect, or the echo of our own send), and a pending send is settled by its clientMessageId.
import { ConversationLog as SeqLog } from '@shared/realtime/conversation-log';
import type { Message } from '../workspace/types';

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  private: boolean;
  failed: boolean;
  /** Uploaded files sent with it (a retry sends them again). */
  attachmentIds?: string[];
}

export type ApplyResult = 'added' | 'duplicate' | 'gap';

export class ConversationLog {
  private readonly log = new SeqLog<Message>();
  readonly pending = new Map<string, PendingMessage>();
  hasOlder = false;

  /** The highest seq up to which every message is held (the resync point). */
  get lastSeq(): number {
    return this.log.checkpoint();
  }

  /** The lowest seq held (Infinity when none); older pages are fetched with `before`. */
  get firstSeq(): number {
    return this.log.oldestSeq() ?? Infinity;
  }

  /** Messages in seq order. */
  messages(): Message[] {
    return [...this.log.items];
  }

  /** A page from REST (ascending). `older` pages extend upwards; others are the latest page. */
  addPage(page: Message[], hasMore: boolean, older = false): void {
    const first = this.log.items.length === 0;
    if (older || first) this.hasOlder = hasMore;
    for (const m of page) this.pending.delete(m.clientMessageId);
    // The first page starts the log: nothing before it is missing, it is older history.
    this.log.apply(page, first && page.length > 0 ? page[0].seq - 1 : 0);
  }

  /** A live or replayed message. A gap is not applied: fetch what is missing first. */
  apply(m: Message): ApplyResult {
    this.pending.delete(m.clientMessageId);
    if (this.log.has(m.seq)) return 'duplicate';
    // Before the first page, nothing is known to follow on from.
    if (this.log.items.length === 0 || m.seq > this.lastSeq + 1) return 'gap';
    this.log.apply([m]);
    return 'added';
  }
}
