import { applyDecorators } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth-user';

/**
 * What a route is, which decides its CORS policy and security headers:
 * - `admin-api`: the dashboard's JSON API (CORS_ORIGINS); every route that declares nothing.
 * - `widget-api`: JSON called from customers' websites (any origin, narrowed by the widget guard).
 * - `web-asset`: pages and scripts the server serves itself (same origin only).
 * - `widget-asset`: the widget's scripts, loaded by customers' websites (any origin may read them).
 * - `docs`: Swagger UI and the OpenAPI document.
 */
export type RouteKind = 'admin-api' | 'widget-api' | 'web-asset' | 'widget-asset' | 'docs';

export const DEFAULT_ROUTE_KIND: RouteKind = 'admin-api';

declare module 'fastify' {
  interface FastifyContextConfig {
    routeKind?: RouteKind;
  }
}

type RouteConfig = { routeKind?: RouteKind } & Record<string, unknown>;

/** Adds the kind to a handler's Fastify route config (what @RouteConfig sets), keeping the rest. */
function declareOn(handler: object, kind: RouteKind): void {
  const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as RouteConfig | undefined;
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, routeKind: kind }, handler);
}

/**
 * Declares the kind of a route, or on a controller of each of its routes that does not declare
 * its own. Nest reads the Fastify route config from handlers only, so a class passes it to each
 * of its methods (class decorators run after the methods'). A @RouteConfig placed above it on the
 * same method replaces it.
 */
export function RouteKind(kind: RouteKind): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      declareOn(descriptor.value as object, kind);
      return;
    }
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name === 'constructor' || typeof method !== 'function') continue;
      const own = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, method) as RouteConfig | undefined;
      if (!own?.routeKind) declareOn(method, kind);
    }
  };
}

/**
 * A route of the widget API. Widget routes authenticate with their own guard (project key, visitor
 * token, allowed origins), so they are exempt from the agent JWT guard.
 */
export const WidgetApi = (): ClassDecorator & MethodDecorator =>
  applyDecorators(RouteKind('widget-api'), Public());

/** The declared kind of the route a request matched (a property read; unmatched requests are admin-api). */
export const routeKindOf = (request: FastifyRequest): RouteKind =>
  request.routeOptions.config.routeKind ?? DEFAULT_ROUTE_KIND;

/**
 * Declares `kind` for the routes that are not Nest controllers: every route `register` adds, and
 * those of the plugins it registers (Swagger UI's static files), which are loaded before this returns.
 */
export async function registerRoutesOfKind(
  fastify: FastifyInstance,
  kind: RouteKind,
  register: () => void,
): Promise<void> {
  await fastify.after(); // load what was registered before, so that only `register`'s routes are tagged
  let tagging = true;
  fastify.addHook('onRoute', (route) => {
    if (tagging) route.config = { ...route.config, routeKind: kind };
  });
  register();
  await fastify.after(); // load the plugins `register` added while still tagging
  tagging = false;
}
