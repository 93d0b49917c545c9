import { Injectable, Logger } from '@nestjs/common';

/**
 * The domain events by name, with what each carries. The platform knows none of them: each feature
 * declares its own in its `<feature>.events.ts` by declaration merging, so this file never imports
 * a feature and every publisher and listener still sees the whole, checked union.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features
export interface DomainEventMap {}

export type DomainEventType = keyof DomainEventMap;
export type DomainEvent = { [K in DomainEventType]: { type: K } & DomainEventMap[K] }[DomainEventType];

type Listener = (event: DomainEvent) => void | Promise<void>;

/**
 * In-process publish/subscribe, after commit: services publish what happened, the real-time bus
 * (and later other in-process listeners) react. A listener that fails is logged and counted and
 * never reaches the publisher: the write it reports has already committed. What other systems must
 * hear about goes through the outbox instead, which survives a crash.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly listeners = new Set<Listener>();
  private failed = 0;

  publish(event: DomainEvent): void {
    for (const listener of this.listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch((err: unknown) => this.listenerFailed(event, err));
      } catch (err) {
        this.listenerFailed(event, err);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listener failures since boot. */
  get failures(): number {
    return this.failed;
  }

  private listenerFailed(event: DomainEvent, err: unknown): void {
    this.failed += 1;
    this.logger.error(`a ${event.type} listener failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
