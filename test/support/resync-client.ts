import { io, type Socket } from 'socket.io-client';

/**
 * A socket client that follows docs/realtime-delivery.md: it applies `message.created` by seq,
 * ignores what it already has, asks for `resync` from its last contiguous seq when it sees a gap or
 * gets a `resync` hint, and reconnects with those seqs. Tests read what it applied and how.
 */
export interface ResyncClient {
  socket: Socket;
  /** conversationId → seq → how many times the event for it was received (applied once). */
  received: Map<string, Map<number, number>>;
  /** The highest seq up to which every message of the conversation was applied. */
  contiguous(conversationId: string): number;
  counts: { live: number; replayed: number; redelivered: number; hints: number; resyncs: number };
  close(): void;
}

export interface ResyncClientOptions {
  namespace: '/agent' | '/widget';
  auth: Record<string, unknown>;
  /** Conversations already known (e.g. from the inbox list), with their last contiguous seq. */
  known?: Record<string, number>;
  /** Called on a `resync` hint: the conversations the client should add (a fresh inbox list). */
  refreshList?: () => Promise<string[]>;
}

const RESYNC_RETRY_MS = 500;

export function resyncClient(url: string, options: ResyncClientOptions): Promise<ResyncClient> {
  const last = new Map<string, number>(Object.entries(options.known ?? {}));
  const ahead = new Map<string, Set<number>>();
  const received = new Map<string, Map<number, number>>();
  const counts = { live: 0, replayed: 0, redelivered: 0, hints: 0, resyncs: 0 };
  const lastSeqs = () => Object.fromEntries(last);
  let resyncing = false;
  let again = false;
  let replaying = false;

  const socket = io(url + options.namespace, {
    // A function: every reconnection attempt sends the seqs as they are then.
    auth: (cb) => cb({ ...options.auth, lastSeqs: lastSeqs() }),
    transports: ['websocket'],
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    forceNew: true,
  });

  function apply(conversationId: string, seq: number): 'new' | 'duplicate' | 'gap' {
    const counted = received.get(conversationId) ?? new Map<number, number>();
    received.set(conversationId, counted);
    counted.set(seq, (counted.get(seq) ?? 0) + 1);
    const contiguous = last.get(conversationId) ?? 0;
    const buffered = ahead.get(conversationId) ?? new Set<number>();
    ahead.set(conversationId, buffered);
    if (seq <= contiguous || buffered.has(seq)) return 'duplicate';
    buffered.add(seq);
    let next = contiguous;
    while (buffered.delete(next + 1)) next += 1;
    last.set(conversationId, next);
    return buffered.size > 0 ? 'gap' : 'new';
  }

  async function resync(): Promise<void> {
    if (resyncing) {
      again = true;
      return;
    }
    resyncing = true;
    try {
      do {
        again = false;
        counts.resyncs += 1;
        replaying = true;
        const reply = await socket
          .timeout(10_000)
          .emitWithAck('resync', { lastSeqs: lastSeqs() })
          .catch(() => ({ ok: false }));
        replaying = false;
        if (!reply.ok) {
          again = true;
          await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS));
        }
      } while (again && socket.connected);
    } finally {
      replaying = false;
      resyncing = false;
    }
  }

  socket.on('message.created', (p: { message: { conversationId: string; seq: number } }) => {
    const outcome = apply(p.message.conversationId, p.message.seq);
    if (outcome === 'duplicate') counts.redelivered += 1;
    else if (replaying) counts.replayed += 1;
    else counts.live += 1;
    if (outcome === 'gap') void resync();
  });
  socket.on('resync', () => {
    counts.hints += 1;
    void (async () => {
      for (const id of (await options.refreshList?.().catch(() => [])) ?? []) {
        if (!last.has(id)) last.set(id, 0);
      }
      await resync();
    })();
  });

  return new Promise((resolve, reject) => {
    socket.once('connect', () =>
      resolve({
        socket,
        received,
        contiguous: (id) => last.get(id) ?? 0,
        counts,
        close: () => void socket.disconnect(),
      }),
    );
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}
