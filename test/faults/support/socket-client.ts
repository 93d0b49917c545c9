import { io, type Socket } from 'socket.io-client';

/**
 * A widget socket client that follows the documented resync protocol: it keeps the seqs it has
 * seen per conversation and reconnects on its own (to whichever node the balancer picks) with
 * `auth.lastSeqs` set to the last *contiguous* seq, so nothing after a gap is skipped.
 */
export interface ResyncingClient {
  socket: Socket;
  /** seq → times received, per conversation. */
  received: Map<string, Map<number, number>>;
  connects: number;
  resyncs: number;
  lastResyncAt: number;
  lastContiguous(conversationId: string): number;
  close(): void;
}

export function resyncingWidget(
  url: string,
  auth: { projectKey: string; visitorToken: string },
  conversationIds: string[],
): Promise<ResyncingClient> {
  const received = new Map<string, Map<number, number>>(conversationIds.map((id) => [id, new Map()]));
  const lastContiguous = (conversationId: string): number => {
    const seen = received.get(conversationId) ?? new Map();
    let seq = 0;
    while (seen.has(seq + 1)) seq++;
    return seq;
  };
  const socket = io(`${url}/widget`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    // A function: read again on every reconnection attempt.
    auth: (cb) =>
      cb({ ...auth, lastSeqs: Object.fromEntries(conversationIds.map((id) => [id, lastContiguous(id)])) }),
  });
  const client: ResyncingClient = {
    socket,
    received,
    connects: 0,
    resyncs: 0,
    lastResyncAt: 0,
    lastContiguous,
    close: () => void socket.disconnect(),
  };
  socket.on('connect', () => client.connects++);
  socket.on('message.created', (p: { message: { conversationId: string; seq: number } }) => {
    const seen = received.get(p.message.conversationId);
    seen?.set(p.message.seq, (seen.get(p.message.seq) ?? 0) + 1);
  });
  socket.on('resync.complete', () => {
    client.resyncs++;
    client.lastResyncAt = Date.now();
  });
  return new Promise((resolve, reject) => {
    socket.once('resync.complete', () => resolve(client));
    socket.once('connect_error', (err) => {
      if (client.connects === 0) {
        socket.disconnect();
        reject(err);
      }
    });
  });
}
