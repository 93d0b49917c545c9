import FindMyWay from 'find-my-way';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { DEFAULT_ROUTE_KIND, type RouteKind } from './route-kind';

/** The kind of the route a request with this method and URL would reach. */
export type RouteKindLookup = (method: string, url: string) => RouteKind;

declare module 'fastify' {
  interface FastifyInstance {
    /** The kind of the route a method and URL reach (see indexRouteKinds). */
    routeKindAt: RouteKindLookup;
  }
}

const noop = (): undefined => undefined;

/**
 * Route kinds by method and URL, for requests that do not reach the route they are about: CORS
 * preflights, answered by @fastify/cors's own OPTIONS route. Fastify's findRoute() does not give
 * a route's config, so each route is mirrored, as it is added, into a router of the same library
 * (find-my-way) with the same matching options. Create it before routes are registered; it is
 * also the instance's routeKindAt, to inspect the routes of a running app.
 */
export function indexRouteKinds(fastify: FastifyInstance): RouteKindLookup {
  const options = { ...fastify.initialConfig, ...fastify.initialConfig.routerOptions };
  // (useSemicolonDelimiter is missing from find-my-way's types, not from its options.)
  const router = FindMyWay({
    caseSensitive: options.caseSensitive,
    ignoreTrailingSlash: options.ignoreTrailingSlash,
    ignoreDuplicateSlashes: options.ignoreDuplicateSlashes,
    maxParamLength: options.maxParamLength,
    allowUnsafeRegex: options.allowUnsafeRegex,
    useSemicolonDelimiter: options.useSemicolonDelimiter,
  } as FindMyWay.Config<FindMyWay.HTTPVersion.V1>);
  const mirror = (method: string, url: string, route: RouteOptions) => {
    try {
      router.on(method as FindMyWay.HTTPMethod, url, noop, route);
    } catch {
      // Already mirrored: the HEAD route Fastify adds for a GET, or the same route under other
      // constraints (those are not mirrored: a preflight has none to match). The first one stays.
    }
  };
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      mirror(method, route.url, route);
      // A plugin's "/" under a prefix is also added, with no onRoute call, as "<prefix>/".
      if (route.prefix && route.routePath === '' && route.prefixTrailingSlash !== 'no-slash') {
        mirror(method, `${route.url}/`, route);
      }
    }
  });
  // The route is stored, not its kind: an onRoute hook added later may still declare it.
  const routeKindAt: RouteKindLookup = (method, url) => {
    const found = router.find(method.toUpperCase() as FindMyWay.HTTPMethod, url);
    return (found?.store as RouteOptions | undefined)?.config?.routeKind ?? DEFAULT_ROUTE_KIND;
  };
  fastify.decorate('routeKindAt', routeKindAt);
  return routeKindAt;
}
