import type { ConversationView, WidgetConversationView } from '../modules/conversations/conversation.views';
import type { MessageView } from '../modules/messages/message.views';
import type { RatingView } from '../modules/csat/rating.views';
import type { ErrorDetail } from '../platform/errors/app-error';
import type { DomainEvent } from '../platform/events/domain-events';

/** Acknowledgement of a client → server event. */
export type Ack<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** retryAfterMs: when to retry (the database away, a rate limit). */
      error: { code: string; message: string; details?: ErrorDetail[]; retryAfterMs?: number };
    };

export interface TypingPayload {
  conversationId: string;
  side: 'visitor' | 'agent';
  /** The agent's user id, or the visitor id. */
  senderId: string;
  isTyping: boolean;
  /** Set when an agent is writing an internal note: sent to agents only. */
  private?: boolean;
}

/**
 * After a replay, per conversation named in `lastSeqs`: the last seq sent, whether more must be paged
 * through REST `after`, and the conversation as it is now (status, assignee and read markers may have
 * changed while the client was away, with no message to carry the change).
 */
export interface ResyncComplete<C = ConversationView> {
  conversations: Record<string, number>;
  hasMore: Record<string, boolean>;
  snapshots: Record<string, C>;
}

/**
 * Sent when this node may have missed events (its link to the other nodes was down): the client
 * emits `resync` with its last contiguous seq per conversation, and refetches its conversation list.
 */
export interface ResyncHint {
  reason: 'link-restored';
}

export interface ReadPayload {
  conversationId: string;
  side: 'visitor' | 'agent';
  lastReadSeq: number;
}

/** The payload a server → client event carries, from its map below. */
export type PayloadOf<M, E extends keyof M> = M[E] extends (p: infer P) => void ? P : never;

/**
 * The server → client protocol, one map per namespace. The bus delivers through these maps, so a
 * payload that does not match its event does not compile. Client → server payloads are the zod
 * schemas in the gateways (they validate at run time).
 */

/** Server → agent sockets (namespace /agent). */
export interface AgentServerEvents {
  'message.created': (p: { message: MessageView; conversation: ConversationView }) => void;
  'conversation.created': (p: { conversation: ConversationView }) => void;
  'conversation.updated': (p: { conversation: ConversationView; changes: string[] }) => void;
  typing: (p: TypingPayload) => void;
  'message.read': (p: ReadPayload) => void;
  'csat.submitted': (p: { rating: RatingView; conversation: ConversationView }) => void;
  presence: (p: { projectId: string; agentIds: string[]; online: boolean }) => void;
  'resync.complete': (p: ResyncComplete) => void;
  resync: (p: ResyncHint) => void;
  'session.expired': () => void;
  'server.shutdown': (p: { reconnect: true }) => void;
  error: (p: { code: string; message: string; retryAfterMs?: number }) => void;
}

/** Server → widget sockets (namespace /widget): never internal notes or agent-only fields. */
export interface WidgetServerEvents {
  'message.created': (p: { message: MessageView; conversation: WidgetConversationView }) => void;
  'conversation.created': (p: { conversation: WidgetConversationView }) => void;
  'conversation.updated': (p: { conversation: WidgetConversationView; changes: string[] }) => void;
  typing: (p: Omit<TypingPayload, 'senderId' | 'private'>) => void;
  'message.read': (p: ReadPayload) => void;
  presence: (p: { projectId: string; online: boolean }) => void;
  'session.expired': () => void;
  'resync.complete': (p: ResyncComplete<WidgetConversationView>) => void;
  resync: (p: ResyncHint) => void;
  'server.shutdown': (p: { reconnect: true }) => void;
  error: (p: { code: string; message: string; retryAfterMs?: number }) => void;
}

/**
 * Events that cross nodes (the bus's Redis stream) and are delivered by each node to its sockets:
 * every domain event, plus typing and presence, which only real time knows.
 */
export type BusEvent =
  | DomainEvent
  | { type: 'typing'; projectId: string; visitorId: string; typing: TypingPayload }
  | { type: 'presence'; projectId: string; agentIds: string[] };

/** Changes to what connected agents may see; handled by the agent gateway on every node. */
export type AgentAccessEvent = Extract<DomainEvent, { type: 'access.changed' | 'session.revoked' }>;
