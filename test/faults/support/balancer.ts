import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP load balancer in front of several nodes: each connection goes to the first backend that
 * accepts it, so when a node dies its clients' reconnections land on the next one.
 */
export interface Balancer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startBalancer(backendPorts: number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    client.pause();
    open.add(client);
    client.on('error', () => undefined);
    client.on('close', () => open.delete(client));
    const tryBackend = (i: number): void => {
      if (i >= backendPorts.length || client.destroyed) return void client.destroy();
      const upstream = connect(backendPorts[i], '127.0.0.1');
      let connected = false;
      upstream.once('error', () => {
        if (!connected) tryBackend(i + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        open.add(upstream);
        upstream.on('error', () => undefined);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
