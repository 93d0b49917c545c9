// The /agent socket: connects with a fresh access token and the last seq held per conversation
// (auth.lastSeqs), so every (re)connect is followed by the server's replay and `resync.complete`.
// It never gives up: a refused handshake, a server-side close, a network change or a wake from sleep
// all lead to another attempt (Chatwoot's dashboard stays "Disconnected" after sleep: #3916).
import { signal } from '@preact/signals';
import { io, type Socket } from 'socket.io-client';
import { accessToken } from '../auth/session';
import type {
  Conversation,
  Message,
  Rating,
  ReadEvent,
  ResyncComplete,
  TypingEvent,
} from '../workspace/types';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface AgentEvents {
  'message.created': (p: { message: Message; conversation: Conversation }) => void;
  'conversation.created': (p: { conversation: Conversation }) => void;
  'conversation.updated': (p: { conversation: Conversation; changes: string[] }) => void;
  typing: (p: TypingEvent) => void;
  'message.read': (p: ReadEvent) => void;
  presence: (p: { projectId: string; agentIds: string[]; online: boolean }) => void;
  'resync.complete': (p: ResyncComplete) => void;
  'csat.submitted': (p: { rating: Rating; conversation: Conversation }) => void;
}

export interface AgentSocketOptions {
  /** The highest contiguous seq held per conversation, read at each (re)connect. */
  lastSeqs(): Record<string, number>;
  /** After a reconnect (not the first connect): what is not replayed by seq must be fetched again. */
  onReconnect(): void;
}

const WATCHDOG_MS = 5_000;
/** A node sends its resync hint to all its sockets at once: their reconnects spread over this. */
const HINT_JITTER_MS = 3_000;

export class AgentSocket {
  readonly state = signal<ConnectionState>('connecting');
  private readonly socket: Socket;
  private connectedBefore = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopWatching: () => void;

  constructor(private readonly options: AgentSocketOptions) {
    this.socket = io('/agent', {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      auth: (cb) => {
        accessToken().then(
          (token) => cb({ token, lastSeqs: this.options.lastSeqs() }),
          () => cb({ token: '' }),
        );
      },
    });
    this.socket.on('connect', () => {
      // A new connection replays from the held seqs: a hint still waiting has nothing left to do.
      clearTimeout(this.hintTimer);
      this.state.value = 'connected';
      if (this.connectedBefore) this.options.onReconnect();
      this.connectedBefore = true;
    });
    this.socket.on('disconnect', () => {
      this.state.value = 'disconnected';
      // A close by the server (session.expired, shutdown) is not retried by socket.io itself.
      if (!this.socket.active) this.retrySoon();
    });
    this.socket.on('connect_error', () => {
      this.state.value = 'disconnected';
      // A refused handshake (e.g. TOKEN_EXPIRED) is not retried by socket.io itself either.
      if (!this.socket.active) this.retrySoon();
    });
    // The node's link to the other nodes was down: it may have missed events (docs/realtime-delivery.md).
    // A reconnect replays from the held seqs and refetches the inbox, after a random wait.
    this.socket.on('resync', () => {
      clearTimeout(this.hintTimer);
      this.hintTimer = setTimeout(() => this.resync(), Math.random() * HINT_JITTER_MS);
    });
    this.stopWatching = this.watch();
  }

  on<E extends keyof AgentEvents>(event: E, listener: AgentEvents[E]): void {
    this.socket.on(event as string, listener as (...args: unknown[]) => void);
  }

  emit(event: 'typing', payload: { conversationId: string; isTyping: boolean; private?: boolean }): void {
    if (this.socket.connected) this.socket.emit(event, payload);
  }

  /** Replays by seq from what is held now (a reconnect with the current lastSeqs). */
  resync(): void {
    this.socket.disconnect();
    this.socket.connect();
  }

  close(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.hintTimer);
    this.stopWatching();
    this.socket.disconnect();
  }

  private retrySoon(delayMs = 1_000): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.socket.connected && !this.socket.active) this.socket.connect();
    }, delayMs);
  }

  /** Network back, tab shown again, or timers resumed after sleep: try at once instead of backing off. */
  private watch(): () => void {
    const kick = (force = false) => {
      if (this.socket.connected && !force) return;
      this.socket.disconnect();
      this.socket.connect();
    };
    const onOnline = () => kick();
    const onVisible = () => document.visibilityState === 'visible' && kick();
    addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    let last = Date.now();
    const watchdog = setInterval(() => {
      const now = Date.now();
      // A tick far later than scheduled means the machine slept: the connection is likely dead.
      if (now - last > WATCHDOG_MS * 3) kick(true);
      else if (!this.socket.connected && !this.socket.active) this.socket.connect();
      last = now;
    }, WATCHDOG_MS);
    return () => {
      removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(watchdog);
    };
  }
}
