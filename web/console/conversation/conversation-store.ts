// The open conversation: its detail, its messages by seq (ConversationLog), sends reconciled by
// clientMessageId, typing indicators, and the agent's read marker.
import { signal } from '@preact/signals';
import { api, errorText } from '../workspace/api';
import { ConversationLog, type PendingMessage } from '../realtime/conversation-log';
import type { Conversation, ConversationDetail, Message, PageMeta, TypingEvent } from '../workspace/types';

const PAGE = 50;
const TYPING_SHOWN_MS = 6_000;

export interface Typist {
  senderId: string;
  side: 'visitor' | 'agent';
  private: boolean;
}

export class OpenConversation {
  readonly detail = signal<ConversationDetail | null>(null);
  readonly messages = signal<Message[]>([]);
  readonly pending = signal<PendingMessage[]>([]);
  readonly hasOlder = signal(false);
  readonly error = signal<string | null>(null);
  readonly typists = signal<Typist[]>([]);
  readonly log = new ConversationLog();
  private catchingUp: Promise<void> | null = null;
  private loaded: Promise<void> | null = null;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(readonly id: string) {}

  load(): Promise<void> {
    this.loaded ??= this.loadLatest();
    return this.loaded;
  }

  private async loadLatest(): Promise<void> {
    try {
      const [detail, page] = await Promise.all([
        api<ConversationDetail>(`/conversations/${this.id}`),
        api<Message[], PageMeta>(`/conversations/${this.id}/messages?limit=${PAGE}`),
      ]);
      this.detail.value = detail.data;
      this.log.addPage(page.data, Boolean(page.meta?.hasMore));
      this.publish();
      // Messages sent between the two reads.
      if (detail.data.lastSeq > this.log.lastSeq) void this.catchUp();
    } catch (err) {
      this.error.value = errorText(err);
    }
  }

  async loadOlder(): Promise<void> {
    if (!this.hasOlder.value) return;
    const { data, meta } = await api<Message[], PageMeta>(
      `/conversations/${this.id}/messages?limit=${PAGE}&before=${this.log.firstSeq}`,
    );
    this.log.addPage(data, Boolean(meta?.hasMore), true);
    this.publish();
  }

  /** A live or replayed message; a gap is filled from REST before anything after it shows. */
  onMessage(message: Message, conversation: Conversation): void {
    this.onConversation(conversation);
    if (this.log.apply(message) === 'gap') void this.catchUp();
    this.clearTypist(message.sender === 'visitor' ? 'visitor' : (message.authorId ?? ''));
    this.publish();
  }

  onConversation(conversation: Conversation): void {
    const detail = this.detail.value;
    if (detail && conversation.updatedAt >= detail.updatedAt)
      this.detail.value = { ...detail, ...conversation };
  }

  onRead(side: 'visitor' | 'agent', lastReadSeq: number): void {
    const detail = this.detail.value;
    if (!detail) return;
    const key = side === 'visitor' ? 'visitorLastReadSeq' : 'agentLastReadSeq';
    if (lastReadSeq > detail[key]) this.detail.value = { ...detail, [key]: lastReadSeq };
  }

  /** Reads forward from the last contiguous seq until nothing is missing (one reader at a time). */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        await this.load();
        for (;;) {
          const { data, meta } = await api<Message[], PageMeta>(
            `/conversations/${this.id}/messages?limit=100&after=${this.log.lastSeq}`,
          );
          for (const m of data) this.log.apply(m);
          this.publish();
          if (!meta?.hasMore || data.length === 0) break;
        }
      } catch (err) {
        this.error.value = errorText(err);
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  async send(
    body: string,
    isPrivate: boolean,
    clientMessageId: string = crypto.randomUUID(),
    attachmentIds?: string[],
  ): Promise<void> {
    this.log.pending.set(clientMessageId, {
      clientMessageId,
      body,
      private: isPrivate,
      failed: false,
      attachmentIds,
    });
    this.publish();
    try {
      const { data } = await api<Message>(`/conversations/${this.id}/messages`, {
        method: 'POST',
        body: { body, clientMessageId, private: isPrivate, attachmentIds },
      });
      if (this.log.apply(data) === 'gap') void this.catchUp();
    } catch {
      const pending = this.log.pending.get(clientMessageId);
      if (pending) pending.failed = true;
    }
    this.publish();
  }

  /** Sends a failed message again with the same clientMessageId (never twice on the server). */
  retry(clientMessageId: string): void {
    const pending = this.log.pending.get(clientMessageId);
    if (pending) void this.send(pending.body, pending.private, clientMessageId, pending.attachmentIds);
  }

  /** Moves the agent read marker to the last message held, when it is behind. */
  async markRead(): Promise<void> {
    const detail = this.detail.value;
    const seq = this.log.lastSeq;
    if (!detail || seq <= detail.agentLastReadSeq) return;
    this.onRead('agent', seq);
    await api(`/conversations/${this.id}/read`, { method: 'POST', body: { seq } }).catch(() => undefined);
  }

  async update(change: Partial<Pick<Conversation, 'status' | 'assigneeId' | 'snoozedUntil'>>): Promise<void> {
    try {
      const { data } = await api<Conversation>(`/conversations/${this.id}`, {
        method: 'PATCH',
        body: change,
      });
      this.onConversation(data);
      this.error.value = null;
    } catch (err) {
      this.error.value = errorText(err);
    }
  }

  onTyping(e: TypingEvent): void {
    const key = e.side === 'visitor' ? 'visitor' : e.senderId;
    this.clearTypist(key);
    if (!e.isTyping) return this.publish();
    this.typists.value = [
      ...this.typists.value,
      { senderId: key, side: e.side, private: Boolean(e.private) },
    ];
    this.typingTimers.set(
      key,
      setTimeout(() => this.clearTypist(key), TYPING_SHOWN_MS),
    );
  }

  private clearTypist(key: string): void {
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.delete(key);
    if (this.typists.value.some((t) => t.senderId === key))
      this.typists.value = this.typists.value.filter((t) => t.senderId !== key);
  }

  private publish(): void {
    this.messages.value = this.log.messages();
    this.pending.value = [...this.log.pending.values()];
    this.hasOlder.value = this.log.hasOlder;
  }

  dispose(): void {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
  }
}

export const openConversation = signal<OpenConversation | null>(null);
/** Reply box mode: an internal note instead of a reply (kept while moving between conversations). */
export const noteMode = signal(false);
/** Bumped to ask the reply box to take focus (the "r" shortcut). */
export const focusReply = signal(0);
