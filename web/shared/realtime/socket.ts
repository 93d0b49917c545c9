// The Socket.IO connection the front-ends share: credentials and resync points are read afresh
// on every (re)connect, and the browser's own offline/online signals drop and restore it at once
// instead of waiting for a ping timeout.
import { io, type Socket } from 'socket.io-client';

export interface RealtimeOptions {
  /** Server base URL ending in `/`. */
  base: string;
  namespace: 'widget' | 'agent';
  /** Called before each connection attempt: tokens and `lastSeqs`. */
  auth: () => Record<string, unknown>;
}

export interface RealtimeConnection {
  socket: Socket;
  /** Reconnects now with fresh auth (a new token, say). */
  restart(): void;
  close(): void;
}

export function connectRealtime(options: RealtimeOptions): RealtimeConnection {
  const socket = io(`${options.base}${options.namespace}`, {
    transports: ['websocket'],
    auth: (cb) => cb(options.auth()),
    reconnectionDelayMax: 5000,
  });
  const offline = () => socket.disconnect();
  const online = () => socket.connect();
  addEventListener('offline', offline);
  addEventListener('online', online);
  return {
    socket,
    restart() {
      socket.disconnect();
      if (navigator.onLine !== false) socket.connect();
    },
    close() {
      removeEventListener('offline', offline);
      removeEventListener('online', online);
      socket.disconnect();
    },
  };
}
