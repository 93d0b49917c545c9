import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as TcpSocket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { coalesceWrites } from './write-coalescing';

/** The server side of a websocket connection's TCP socket (engine.io and ws internals). */
const tcpOf = (socket: Socket): TcpSocket =>
  (socket.conn as unknown as { transport: { socket: { _socket: TcpSocket } } }).transport.socket._socket;

describe('write coalescing', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  const serverSockets: Socket[] = [];
  before(async () => {
    http = createServer();
    io = new Server(http, { transports: ['websocket'] });
    coalesceWrites(io);
    io.on('connection', (s) => void serverSockets.push(s));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    await io.close();
  });

  const open = async (): Promise<{ client: ClientSocket; server: Socket }> => {
    const client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { client, server: serverSockets[serverSockets.length - 1] };
  };

  it('sends what one turn queued for a client in order, in one write', async () => {
    const { client, server } = await open();
    const got: number[] = [];
    const all = new Promise<void>((resolve) =>
      client.on('n', (n: number) => {
        got.push(n);
        if (got.length === 5) resolve();
      }),
    );
    const tcp = tcpOf(server);
    const writev = tcp._writev!.bind(tcp);
    let writes = 0;
    tcp._writev = (chunks, cb) => {
      writes++;
      writev(chunks, cb);
    };
    for (let n = 1; n <= 5; n++) server.emit('n', n);
    await all;
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(writes).toBe(1);
    client.disconnect();
  });

  it('sends what is due before a close, also the server-wide one that discards the buffer', async () => {
    const { client } = await open();
    const last = new Promise<string>((resolve) => client.once('bye', (v: string) => resolve(v)));
    for (const socket of io.of('/').sockets.values()) {
      socket.emit('bye', 'reconnect');
      socket.conn.close(true);
    }
    expect(await last).toBe('reconnect');
  });
});
