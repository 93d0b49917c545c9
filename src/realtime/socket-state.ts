import type { DefaultEventsMap, Socket } from 'socket.io';
import type { AuthUser } from '../platform/auth/auth-user';
import { KeyedWindowCounter } from '../platform/rate-limit/keyed-window-counter';
import type { WindowCounter } from '../platform/rate-limit/window-counter';
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
  /** The socket's latest replay (handshake or `resync` request): the next one waits for it. */
  resyncing?: Promise<unknown>;
  pending: Pending[];
  /** conversationId → highest seq sent by the resync (made by the first resync: most sockets never have one). */
  replayedUpTo?: Map<string, number>;
  /** conversationId → last typing state forwarded, when, and where its "stop" goes on disconnect (made on first use). */
  typing?: Map<string, TypingState>;
  /** `typing` arrivals on this socket this window, valid or not (see SocketGuard.onTyping). */
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
  } satisfies SocketState);
  return socket as StatefulSocket;
}

/** Whether an event can go to the socket as it is: no resync holds it back or already sent it. */
export function emitsAsIs(socket: StatefulSocket, message?: MessageRef): boolean {
  const state = socket.data;
  if (state.replaying) return false;
  return !message || message.seq > (state.replayedUpTo?.get(message.conversationId) ?? 0);
}

/** Emits to one socket, honouring an ongoing resync. */
export function deliver(socket: StatefulSocket, event: string, payload: unknown, message?: MessageRef): void {
  if (emitsAsIs(socket, message)) socket.emit(event, payload);
  else if (socket.data.replaying) socket.data.pending.push({ event, payload, message });
  // otherwise the resync already sent it
}

export function endReplay(socket: StatefulSocket): void {
  const state = socket.data;
  state.replaying = false;
  const pending = state.pending;
  state.pending = [];
  for (const p of pending) deliver(socket, p.event, p.payload, p.message);
}

/**
 * Who a socket's event and typing budgets count against: its agent user or its visitor, across all
 * of them on this node. A token-less widget socket (presence only: it cannot send) counts on its own.
 */
export function budgetKey(socket: StatefulSocket): string {
  const { agent, widget } = socket.data;
  if (agent) return `user:${agent.id}`;
  if (widget?.visitorId) return `visitor:${widget.visitorId}`;
  return `socket:${socket.id}`;
}

const TYPING_REPEAT_MS = 2000;
/** Typing changes a visitor or user may forward per window, apart from the event limit. */
const TYPING_BUDGET = 30;
const TYPING_WINDOW_MS = 10_000;

/** The typing budgets of every visitor and user on this node (see admitTyping). */
export const typingBudgets = (): KeyedWindowCounter =>
  new KeyedWindowCounter(TYPING_BUDGET, TYPING_WINDOW_MS);

/**
 * Whether a typing event is worth forwarding: a change at once, a repeated "still typing" at most
 * every 2 s per conversation, within the typing budget of the socket's visitor or user (`budgets`,
 * shared by all their sockets). Returns the state it replaces.
 * Cheap and local: it runs before the rate limiter and before any database access.
 */
export function admitTyping(
  socket: StatefulSocket,
  budgets: KeyedWindowCounter,
  conversationId: string,
  isTyping: boolean,
  isPrivate: boolean,
): { previous?: TypingState } | undefined {
  const state = socket.data;
  const previous = state.typing?.get(conversationId);
  const now = Date.now();
  const same = previous && previous.isTyping === isTyping && previous.private === isPrivate;
  if (same && (!isTyping || now - previous.at < TYPING_REPEAT_MS)) return undefined;
  if (!budgets.hit(budgetKey(socket), now).ok) return undefined;
  (state.typing ??= new Map()).set(conversationId, {
    isTyping,
    private: isPrivate,
    at: now,
    target: previous?.target,
  });
  return { previous };
}
