import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server (PostgreSQL, Redis), so a test can cut the connection:
 * cut() drops every open connection and stops listening (new ones are refused, as by a server that
 * is down) until restore() listens again on the same port. No server is mocked; only the wire
 * between the app and it breaks.
 */
export interface TcpProxy {
  port: number;
  cut(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      server.close();
      for (const s of open) s.destroy();
    },
    restore: () => listen(port),
    async close() {
      for (const s of open) s.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
