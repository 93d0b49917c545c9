import type { DefaultEventsMap, Socket } from 'socket.io';
import type { AuthUser } from '../platform/auth/auth-user';
import { WindowCounter } from '../platform/rate-limit/window-counter';
import type { AgentScope } from '../modules/access/access.repository';
import type { WidgetContext } from '../modules/widget/widget-auth.service';

/** Which message an event is about: lets a resync skip what it already replayed. */
export interface MessageRef {
  conversationId: string;
  seq: number;
}

interface Pending {
  event: string;
  payload: unknown;
  message?: MessageRef;
}

/**
 * Per-socket delivery state. While a reconnecting client is being resynced from the database,
 * live events are held back, then released in order, skipping messages the resync already sent.
 */
export interface SocketState {
  agent?: AuthUser & AgentScope;
  /** Which of this node's access changes the agent's scope was read after (see AgentRooms.enter). */
  scopedAt?: number;
  widget?: WidgetContext;
  /** The handshake's conversationId → last seq seen; replayed right after connecting. */
  lastSeqs: Record<string, number>;
  replaying: boolean;
  pending: Pending[];
  /** conversationId → highest seq sent by the resync. */
  replayedUpTo: Map<string, number>;
  /** A token-less widget socket's chain of sends until its first message creates the visitor. */
  opening?: Promise<unknown>;
  /** conversationId → last typing state forwarded, when, and where its "stop" goes on disconnect. */
  typing: Map<string, TypingState>;
  typingBudget: WindowCounter;
  /** Client events this window (see SocketGuard); created on the first event. */
  events?: WindowCounter;
  /** `typing` arrivals this window, valid or not (see SocketGuard.onTyping). */
  typingArrivals?: WindowCounter;
}

export interface TypingState {
  isTyping: boolean;
  private: boolean;
  at: number;
  /** Set once the conversation's access was checked and a "typing" was published. */
  target?: { projectId: string; visitorId: string };
}

export type StatefulSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketState>;

/** Sets up a socket's state; with `lastSeqs`, live events are held until the resync has run. */
export function initState(
  socket: Socket,
  init: Pick<SocketState, 'agent' | 'widget' | 'lastSeqs' | 'scopedAt'>,
): StatefulSocket {
  Object.assign(socket.data, {
    ...init,
    replaying: Object.keys(init.lastSeqs).length > 0,
    pending: [],
    replayedUpTo: new Map(),
    typing: new Map(),
    typingBudget: new WindowCounter(TYPING_BUDGET, TYPING_WINDOW_MS),
  } satisfies SocketState);
  return socket as StatefulSocket;
}

/** Emits to one socket, honouring an ongoing resync. */
export function deliver(socket: StatefulSocket, event: string, payload: unknown, message?: MessageRef): void {
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
/** Typing changes a socket may forward per window: its own local budget, apart from the event limit. */
const TYPING_BUDGET = 30;
const TYPING_WINDOW_MS = 10_000;

/**
 * Whether a typing event is worth forwarding: a change at once, a repeated "still typing" at most
 * every 2 s per conversation, within the socket's typing budget. Returns the state it replaces.
 * Cheap and local: it runs before the rate limiter and before any database access.
 */
export function admitTyping(
  socket: StatefulSocket,
  conversationId: string,
  isTyping: boolean,
  isPrivate: boolean,
): { previous?: TypingState } | undefined {
  const state = socket.data;
  const previous = state.typing.get(conversationId);
  const now = Date.now();
  const same = previous && previous.isTyping === isTyping && previous.private === isPrivate;
  if (same && (!isTyping || now - previous.at < TYPING_REPEAT_MS)) return undefined;
  if (!state.typingBudget.hit(now).ok) return undefined;
  state.typing.set(conversationId, { isTyping, private: isPrivate, at: now, target: previous?.target });
  return { previous };
}
