import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';

const upgradeResponse = Symbol('upgradeResponse');

type EngineRequest = IncomingMessage & { _query?: unknown; [upgradeResponse]?: { req: unknown } };

/** What is read of a connection's request once it is open: Socket.IO's handshake and our client IP. */
function standIn(req: EngineRequest): IncomingMessage {
  return {
    headers: req.headers,
    url: req.url,
    _query: req._query,
    socket: req.socket,
    connection: req.socket,
  } as unknown as IncomingMessage;
}

/**
 * Engine.IO keeps the request that opened a connection for the connection's whole life, twice: as
 * `socket.request`, and on its upgrade response object, which the TCP socket's close listener keeps.
 * That is an IncomingMessage with its stream state and raw headers (about 1 KiB per idle socket).
 * Once the connection is open both get a stand-in with what is still read later: the headers, URL,
 * query and TCP socket (Socket.IO builds each namespace's `handshake` from these; `socketClientIp`
 * reads the headers and the socket's address). Polling requests keep their ServerResponse as is.
 */
export function releaseHandshakeRequests(io: Server): void {
  io.engine.use((req: EngineRequest, res: object, next: () => void) => {
    if (!(res instanceof ServerResponse)) req[upgradeResponse] = res as { req: unknown };
    next();
  });
  io.engine.on('connection', (conn: { request: EngineRequest | null }) => {
    const req = conn.request;
    if (!req) return; // WebTransport sessions have no request (and are not enabled here)
    const light = standIn(req);
    const res = req[upgradeResponse];
    if (res) res.req = light;
    conn.request = light;
  });
}
