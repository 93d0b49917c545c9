import type { ConversationView, MessageView } from '../../common/events/views';
import type { ErrorDetail } from '../../common/errors/app-error';
import type { WidgetConversationView } from '../messages/widget-views';

/** Acknowledgement of a client → server event. */
export type Ack<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: ErrorDetail[] } };

export interface TypingPayload {
  conversationId: string;
  side: 'visitor' | 'agent';
  /** The agent's user id, or the visitor id. */
  senderId: string;
  isTyping: boolean;
  /** Set when an agent is writing an internal note: sent to agents only. */
  private?: boolean;
}

/** After a replay: the last seq sent per conversation, and those with more to page through REST `after`. */
export interface ResyncComplete {
  conversations: Record<string, number>;
  hasMore: Record<string, boolean>;
}

export interface ReadPayload {
  conversationId: string;
  side: 'visitor' | 'agent';
  lastReadSeq: number;
}

/** Server → agent sockets (namespace /agent). */
export interface AgentServerEvents {
  'message.created': (p: { message: MessageView; conversation: ConversationView }) => void;
  'conversation.created': (p: { conversation: ConversationView }) => void;
  'conversation.updated': (p: { conversation: ConversationView; changes: string[] }) => void;
  typing: (p: TypingPayload) => void;
  'message.read': (p: ReadPayload) => void;
  presence: (p: { projectId: string; agentIds: string[]; online: boolean }) => void;
  'resync.complete': (p: ResyncComplete) => void;
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
  'resync.complete': (p: ResyncComplete) => void;
  'server.shutdown': (p: { reconnect: true }) => void;
  error: (p: { code: string; message: string; retryAfterMs?: number }) => void;
}

export interface SendPayload {
  conversationId?: string;
  body: string;
  clientMessageId: string;
  private?: boolean;
}

/** Client → server, both namespaces (agents must name the conversation; `private` is agent-only on both). */
export interface ClientEvents {
  'message.send': (p: SendPayload, ack: (r: Ack<unknown>) => void) => void;
  typing: (p: { conversationId: string; isTyping: boolean; private?: boolean }) => void;
  read: (p: { conversationId: string; seq?: number }, ack?: (r: Ack<ReadPayload>) => void) => void;
}

/** Handshake `auth` fields. `lastSeqs` maps conversationId → last seq seen, for the resync. */
export interface AgentHandshake {
  token?: string;
  lastSeqs?: Record<string, number>;
}

export interface WidgetHandshake {
  projectKey?: string;
  visitorToken?: string;
  lastSeqs?: Record<string, number>;
}

/** Events that cross nodes (Socket.IO serverSideEmit) and are delivered by each node to its sockets. */
export type BusEvent =
  | { kind: 'message.created'; message: MessageView; conversation: ConversationView }
  | { kind: 'conversation.created'; conversation: ConversationView }
  | { kind: 'conversation.updated'; conversation: ConversationView; changes: string[] }
  | { kind: 'message.read'; conversation: ConversationView; side: 'agent' | 'visitor'; lastReadSeq: number }
  | { kind: 'typing'; projectId: string; visitorId: string; typing: TypingPayload }
  | { kind: 'presence'; projectId: string; agentIds: string[] }
  | AgentAccessEvent;

/** Changes to what connected agents may see; handled by the agent gateway on every node. */
export type AgentAccessEvent =
  | { kind: 'access.changed'; teamId: string; userId?: string }
  | { kind: 'session.revoked'; sessionId: string };
