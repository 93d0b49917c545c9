import { io, type Socket } from 'socket.io-client';

export interface Recorder {
  socket: Socket;
  /** Every event received, in order, as [name, payload]. */
  events: [string, any][];
  of(name: string): any[];
  /** Resolves with the first payload of `name` matching `match` (already received or upcoming). */
  waitFor(name: string, match?: (p: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

function record(socket: Socket): Recorder {
  const events: [string, any][] = [];
  const waiters: { name: string; match: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  socket.onAny((name: string, payload: any) => {
    events.push([name, payload]);
    for (const w of [...waiters]) {
      if (w.name === name && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  });
  return {
    socket,
    events,
    of: (name) => events.filter(([n]) => n === name).map(([, p]) => p),
    waitFor(name, match = () => true, timeoutMs = 5000) {
      const found = events.find(([n, p]) => n === name && match(p));
      if (found) return Promise.resolve(found[1]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${name}`)), timeoutMs);
        waiters.push({ name, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    close: () => void socket.disconnect(),
  };
}

/** Connects and resolves once connected; rejects with the handshake error (err.data.code). */
export function connect(
  url: string,
  namespace: '/agent' | '/widget',
  auth: Record<string, unknown>,
  extraHeaders?: Record<string, string>,
): Promise<Recorder> {
  const socket = io(url + namespace, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders,
  });
  const recorder = record(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorder));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

export const connectAgent = (url: string, token: string, lastSeqs?: Record<string, number>) =>
  connect(url, '/agent', { token, lastSeqs });

export const connectWidget = (
  url: string,
  auth: { projectKey?: string; visitorToken?: string; lastSeqs?: Record<string, number> },
  headers?: Record<string, string>,
) => connect(url, '/widget', auth, headers);

/** Emits with an ack and resolves with the ack's reply. */
export function emitWithAck(r: Recorder, event: string, payload: unknown): Promise<any> {
  return r.socket.timeout(5000).emitWithAck(event, payload);
}

/** Lets in-flight events arrive before asserting that something did NOT happen. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the sockets a test file opens, to close them all in `after`. */
export function socketTracker() {
  const open: Recorder[] = [];
  return {
    track: async (connecting: Promise<Recorder>): Promise<Recorder> => {
      const r = await connecting;
      open.push(r);
      return r;
    },
    closeAll: () => open.forEach((r) => r.close()),
  };
}
