import { Logger } from '@nestjs/common';
import type { Server } from 'socket.io';

/** The parts of engine.io's (untyped) socket and websocket transport this touches. */
interface EngineTransport {
  name: string;
  send(packets: unknown[]): void;
  socket?: { _socket?: { cork(): void; uncork(): void } };
}
interface EngineSocket {
  readyState: string;
  transport: EngineTransport;
  flush(): void;
  close(discard?: boolean): void;
  on(event: 'upgrade', listener: (transport: EngineTransport) => void): void;
}

/**
 * Sends what this node queues for one client during an event-loop turn in one write. engine.io
 * flushes each packet as it is queued, and ws makes each one its own `writev`, which costs more than
 * the rest of a delivery on this kind of host: a visitor's send is an echo and an ack on its socket,
 * and every agent socket gets one frame per message. Here a client's flush waits for the end of the
 * turn (setImmediate), and a flush of several packets is corked into one write. Nothing is dropped or
 * reordered: engine.io's own buffer and its drain logic are unchanged.
 */
export function coalesceWrites(server: Server): void {
  const due = new Set<EngineSocket>();
  let scheduled = false;
  const flushDue = () => {
    scheduled = false;
    const sockets = [...due];
    due.clear();
    // One client's failing flush must not leave the others' packets of this turn unsent.
    for (const conn of sockets) {
      try {
        proto(conn).flush.call(conn);
      } catch (err) {
        logger.warn(`flush failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  server.engine.on('connection', (conn: EngineSocket) => {
    conn.flush = () => {
      due.add(conn);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushDue);
      }
    };
    // A close (the server's own, at shutdown, discards the buffer) first sends what is due, as an
    // unbatched socket would already have.
    conn.close = (discard) => {
      if (due.delete(conn)) proto(conn).flush.call(conn);
      proto(conn).close.call(conn, discard);
    };
    corkBatches(conn.transport);
    conn.on('upgrade', (transport) => {
      corkBatches(transport);
      // A close asked for during the upgrade runs right after this event, and the websocket
      // transport's close empties the buffer: send what is due first.
      if (conn.readyState === 'closing' && due.delete(conn)) proto(conn).flush.call(conn);
    });
  });
}

const logger = new Logger('WriteCoalescing');

const proto = (conn: EngineSocket): EngineSocket => Object.getPrototypeOf(conn) as EngineSocket;

/** A websocket transport's send of several packets becomes one write to the TCP socket. */
function corkBatches(transport: EngineTransport): void {
  if (transport.name !== 'websocket') return;
  const send = transport.send.bind(transport);
  transport.send = (packets) => {
    const tcp = transport.socket?._socket;
    if (!tcp || packets.length < 2) return send(packets);
    tcp.cork();
    try {
      send(packets);
    } finally {
      tcp.uncork();
    }
  };
}
