// Visitor messages not yet stored: shown as pending or failed, delivered one at a time (the first
// may open the conversation the next ones go to), retried with the same clientMessageId so a retry
// can never store a message twice.
import { signal } from '@preact/signals';
import { ApiError } from '@shared/api/client';
import { newClientId } from './problems';

export interface PendingMessage {
  clientMessageId: string;
  body: string;
  /** null: the conversation current when it is delivered (a new one if there is none). */
  conversationId: string | null;
  status: 'pending' | 'failed';
}

interface OutboxOptions {
  deliver(item: PendingMessage): Promise<void>;
  failed(err: unknown): void;
}

export class Outbox {
  readonly items = signal<PendingMessage[]>([]);
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxOptions) {}

  add(body: string, conversationId: string | null): void {
    const item: PendingMessage = { clientMessageId: newClientId(), body, conversationId, status: 'pending' };
    this.items.value = [...this.items.value, item];
    this.enqueue(item.clientMessageId);
  }

  retry(clientMessageId: string): void {
    this.setStatus(clientMessageId, 'pending');
    this.enqueue(clientMessageId);
  }

  retryFailed(): void {
    for (const item of this.items.value) if (item.status === 'failed') this.retry(item.clientMessageId);
  }

  /** Messages the server now holds (from a send's answer, a live event or a replay). */
  settled(clientMessageIds: string[]): void {
    const ids = new Set(clientMessageIds);
    if (this.items.value.some((i) => ids.has(i.clientMessageId)))
      this.items.value = this.items.value.filter((i) => !ids.has(i.clientMessageId));
  }

  clear(): void {
    this.items.value = [];
  }

  private enqueue(clientMessageId: string): void {
    this.chain = this.chain.then(async () => {
      const item = this.items.value.find((i) => i.clientMessageId === clientMessageId);
      if (!item || item.status !== 'pending') return;
      try {
        await this.options.deliver(item);
        this.settled([clientMessageId]);
      } catch (err) {
        this.setStatus(clientMessageId, 'failed');
        this.options.failed(err);
        if (err instanceof ApiError && err.code === 'RATE_LIMITED')
          setTimeout(() => this.retry(clientMessageId), err.retryAfterMs ?? 30_000);
      }
    });
  }

  private setStatus(clientMessageId: string, status: PendingMessage['status']): void {
    this.items.value = this.items.value.map((i) =>
      i.clientMessageId === clientMessageId ? { ...i, status } : i,
    );
  }
}
