import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.service';

type Observe = (seconds: number) => void;
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];
/** Requests that matched no route share one label: their URLs are whatever a client sent. */
const UNMATCHED = 'unmatched';

/**
 * Observes every response's duration under its route template (Fastify's routeOptions.url, never the
 * raw URL) and status class. The label children are made once per route, method and class, so a
 * request costs two map reads and the histogram's own observe.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  const byRoute = new Map<string, Map<string, Observe[]>>();
  const observersOf = (route: string, method: string): Observe[] => {
    let byMethod = byRoute.get(route);
    if (!byMethod) byRoute.set(route, (byMethod = new Map()));
    let observers = byMethod.get(method);
    if (!observers) {
      observers = STATUS_CLASSES.map((status) => metrics.httpDuration.labels(method, route, status).observe);
      byMethod.set(method, observers);
    }
    return observers;
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    const statusClass = Math.min(Math.max(Math.floor(reply.statusCode / 100), 1), 5) - 1;
    observersOf(request.routeOptions.url ?? UNMATCHED, request.method)[statusClass](reply.elapsedTime / 1000);
    done();
  });
}
