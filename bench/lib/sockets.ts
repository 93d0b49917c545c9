import { io, type Socket } from 'socket.io-client';

/** A Socket.IO client over websocket only, with its own Manager, no reconnection. */
export function connectSocket(
  url: string,
  auth: Record<string, string>,
  timeoutMs = 10_000,
): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
    auth,
  });
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      socket.off('connect', ok);
      socket.disconnect();
      reject(new Error(`socket.io ${new URL(url).pathname}: ${err.message}`));
    };
    const ok = () => {
      socket.off('connect_error', fail);
      resolve(socket);
    };
    socket.once('connect', ok);
    socket.once('connect_error', fail);
  });
}

export function closeAll(sockets: Iterable<Socket>): void {
  for (const s of sockets) s.disconnect();
}
