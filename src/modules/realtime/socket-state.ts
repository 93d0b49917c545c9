import type { DefaultEventsMap, Socket } from 'socket.io';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AgentScope } from './agent-rooms.service';
import type { WidgetContext } from '../widget/widget-auth.service';

interface Pending {
  event: string;
  payload: unknown;
  message?: { conversationId: string; seq: number };
}

/**
 * Per-socket delivery state. While a reconnecting client is being resynced from the database,
 * live events are held back, then released in order, skipping messages the resync already sent.
 */
export interface SocketState {
  agent?: AuthUser & AgentScope;
  widget?: WidgetContext;
  /** The handshake's conversationId → last seq seen; replayed right after connecting. */
  lastSeqs: Record<string, number>;
  replaying: boolean;
  pending: Pending[];
  /** conversationId → highest seq sent by the resync. */
  replayedUpTo: Map<string, number>;
  /** A token-less widget socket's chain of sends until its first message creates the visitor. */
  opening?: Promise<unknown>;
  /** conversationId → last typing state forwarded and when (throttling). */
  typing: Map<string, { isTyping: boolean; at: number }>;
}

export type StatefulSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketState>;

/** Sets up a socket's state; with `lastSeqs`, live events are held until the resync has run. */
export function initState(
  socket: Socket,
  init: Pick<SocketState, 'agent' | 'widget' | 'lastSeqs'>,
): StatefulSocket {
  Object.assign(socket.data, {
    ...init,
    replaying: Object.keys(init.lastSeqs).length > 0,
    pending: [],
    replayedUpTo: new Map(),
    typing: new Map(),
  } satisfies SocketState);
  return socket as StatefulSocket;
}

/** Emits to one socket, honouring an ongoing resync. */
export function deliver(
  socket: StatefulSocket,
  event: string,
  payload: unknown,
  message?: { conversationId: string; seq: number },
): void {
  const state = socket.data;
  if (state.replaying) {
    state.pending.push({ event, payload, message });
    return;
  }
  if (message && message.seq <= (state.replayedUpTo.get(message.conversationId) ?? 0)) return;
  socket.emit(event, payload);
}

export function endReplay(socket: StatefulSocket): void {
  const state = socket.data;
  state.replaying = false;
  const pending = state.pending;
  state.pending = [];
  for (const p of pending) deliver(socket, p.event, p.payload, p.message);
}

const TYPING_REPEAT_MS = 2000;

/** Forward a typing change at once, a repeated "still typing" at most every 2 s per conversation. */
export function shouldForwardTyping(
  socket: StatefulSocket,
  conversationId: string,
  isTyping: boolean,
): boolean {
  const last = socket.data.typing.get(conversationId);
  const now = Date.now();
  if (last && last.isTyping === isTyping && (!isTyping || now - last.at < TYPING_REPEAT_MS)) return false;
  socket.data.typing.set(conversationId, { isTyping, at: now });
  return true;
}
