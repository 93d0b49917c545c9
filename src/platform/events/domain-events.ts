import { Injectable } from '@nestjs/common';
import type { ConversationView, MessageView } from './views';

/** What happened in the domain; the realtime gateways turn these into socket events. */
export type DomainEvent =
  | { type: 'message.created'; message: MessageView; conversation: ConversationView }
  | { type: 'conversation.created'; conversation: ConversationView }
  | { type: 'conversation.updated'; conversation: ConversationView; changes: string[] }
  | {
      type: 'message.read';
      conversation: ConversationView;
      side: 'agent' | 'visitor';
      lastReadSeq: number;
      readerId: string;
    }
  /** A team's members or projects changed: connected agents of that team (or that user) re-join rooms. */
  | { type: 'access.changed'; teamId: string; userId?: string }
  /** A session was logged out or revoked: its sockets are closed. */
  | { type: 'session.revoked'; sessionId: string };

type Listener = (event: DomainEvent) => void;

/**
 * In-process publish/subscribe between services and gateways. Cross-node fan-out is the
 * Socket.IO adapter's job, so this never leaves the process.
 */
@Injectable()
export class DomainEvents {
  private readonly listeners = new Set<Listener>();

  publish(event: DomainEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
