import type { Namespace, Server } from 'socket.io';
import type { Metrics } from '../platform/metrics/metrics.service';

/**
 * Connections per namespace (read at scrape time) and events in and out per namespace: one
 * counter increment per event, through Socket.IO's catch-all listeners (broadcasts included).
 */
export function instrumentSockets(io: Server, metrics: Metrics): void {
  const namespaces: Namespace[] = [];
  metrics.gauge({
    name: 'spectre_socket_connections',
    help: 'Open Socket.IO connections on this node, by namespace',
    labelNames: ['namespace'] as const,
    collect() {
      for (const nsp of namespaces) this.set({ namespace: nsp.name }, nsp.sockets.size);
    },
  });
  io.on('new_namespace', (nsp: Namespace) => {
    namespaces.push(nsp);
    const received = metrics.socketEvents.labels(nsp.name, 'in');
    const sent = metrics.socketEvents.labels(nsp.name, 'out');
    nsp.on('connection', (socket) => {
      socket.onAny(() => received.inc());
      socket.onAnyOutgoing(() => sent.inc());
    });
  });
}
