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
  /** Files uploaded first (POST /attachments), sent with the message. */
  attachmentIds?: string[];
}

/** Automatic retries of one message after a 503 or a network error, before it waits for a click. */
const MAX_AUTO_RETRIES = 6;
const backoffMs = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

/**
 * When to try again by itself, or undefined to wait (for a click, or the socket's reconnect when
 * the browser is offline). `attempt`: automatic retries of this message so far.
 */
function autoRetryDelay(err: unknown, attempt: number): number | undefined {
  if (!(err instanceof ApiError)) return undefined;
  if (err.code === 'RATE_LIMITED') return err.retryAfterMs ?? 30_000;
  if (attempt >= MAX_AUTO_RETRIES) return undefined;
  if (err.code === 'SERVICE_UNAVAILABLE') return Math.max(err.retryAfterMs ?? 0, backoffMs(attempt));
  if (err.code === 'NETWORK_ERROR' && navigator.onLine) return backoffMs(attempt);
  return undefined;
}

interface OutboxOptions {
  deliver(item: PendingMessage): Promise<void>;
  failed(err: unknown): void;
}

export class Outbox {
  readonly items = signal<PendingMessage[]>([]);
  private chain: Promise<void> = Promise.resolve();
  private readonly autoRetries = new Map<string, number>();

  constructor(private readonly options: OutboxOptions) {}

  add(body: string, conversationId: string | null, attachmentIds?: string[]): void {
    const item: PendingMessage = {
      clientMessageId: newClientId(),
      body,
      conversationId,
      status: 'pending',
      attachmentIds,
    };
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
    this.autoRetries.clear();
  }

  private enqueue(clientMessageId: string): void {
    this.chain = this.chain.then(async () => {
      const item = this.items.value.find((i) => i.clientMessageId === clientMessageId);
      if (!item || item.status !== 'pending') return;
      try {
        await this.options.deliver(item);
        this.settled([clientMessageId]);
        this.autoRetries.delete(clientMessageId);
      } catch (err) {
        this.setStatus(clientMessageId, 'failed');
        this.options.failed(err);
        const attempt = this.autoRetries.get(clientMessageId) ?? 0;
        const delay = autoRetryDelay(err, attempt);
        if (delay === undefined) return;
        this.autoRetries.set(clientMessageId, attempt + 1);
        setTimeout(() => this.retry(clientMessageId), delay);
      }
    });
  }

  private setStatus(clientMessageId: string, status: PendingMessage['status']): void {
    this.items.value = this.items.value.map((i) =>
      i.clientMessageId === clientMessageId ? { ...i, status } : i,
    );
  }
}
