import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/env.schema';
import { indexRouteKinds, type RouteKindLookup } from '../http/route-kind-index';
import { routeKindOf, type RouteKind } from '../http/route-kind';

/**
 * Widget routes (declared with @WidgetApi) are called from customers' websites. They first answer
 * CORS for any origin (a preflight names no project); once the widget guard knows who is calling,
 * it withdraws the header from origins the project (or, for an agent on a shared route,
 * CORS_ORIGINS) does not allow, so the browser keeps the response from the page.
 */
export function withholdCors(reply: FastifyReply): void {
  void reply.removeHeader('access-control-allow-origin');
  void reply.removeHeader('access-control-expose-headers');
}

const PREFLIGHT_MAX_AGE_S = 600;
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const EXPOSED_HEADERS = ['x-request-id', 'x-visitor-token', 'retry-after'];
export const WIDGET_ALLOWED_HEADERS = [
  'content-type',
  'x-project-key',
  'x-visitor-token',
  'authorization',
  'x-request-id',
];
const ADMIN_ALLOWED_HEADERS = ['content-type', 'authorization', 'x-request-id'];

// API responses are JSON only: nothing may be loaded, framed or executed from them.
const API_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
};
// Swagger UI loads its own scripts from /docs and uses inline styles and data: images.
const DOCS_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
  },
};
// The widget script and the agent console: the server's own files only, never framed; the console
// talks to the API and the realtime socket on its own origin.
const WEB_ASSET_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
  },
};
/**
 * Helmet's headers that only mean something on an HTML document (how it opens windows, prefetches
 * DNS, IE/Flash-era filters): left off JSON responses, which keep CSP, HSTS, nosniff, X-Frame-Options,
 * Referrer-Policy and CORP. Six header lines (about 200 bytes) fewer on every API response, which
 * every client parses (measured in bench/: the load generator's CPU per send).
 */
const NOT_FOR_JSON = {
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  dnsPrefetchControl: false,
  ieNoOpen: false,
  permittedCrossDomainPolicies: false,
  xssFilter: false,
} as const;
const JSON_KINDS = new Set<RouteKind>(['admin-api', 'widget-api']);
const CSP_BY_KIND: Record<RouteKind, HelmetOptions['contentSecurityPolicy']> = {
  'admin-api': API_CSP,
  'widget-api': API_CSP,
  'web-asset': WEB_ASSET_CSP,
  'widget-asset': API_CSP,
  docs: DOCS_CSP,
};

/**
 * The CORS policy of each route kind, built once: widget routes answer any origin (narrowed by
 * withholdCors), the admin API and the docs CORS_ORIGINS, web assets their own origin only.
 */
function corsPolicies(config: AppConfig): Record<RouteKind, FastifyCorsOptions> {
  const common = {
    methods: METHODS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_S,
    credentials: false,
  };
  const origins = config.CORS_ORIGINS;
  const admin: FastifyCorsOptions = {
    ...common,
    origin: origins.includes('*') ? '*' : origins.length > 0 ? origins : false,
    allowedHeaders: ADMIN_ALLOWED_HEADERS,
  };
  return {
    'admin-api': admin,
    'widget-api': { ...common, origin: true, allowedHeaders: WIDGET_ALLOWED_HEADERS },
    'web-asset': { origin: false },
    // Module scripts imported by another origin's page are fetched with CORS.
    'widget-asset': { origin: '*', methods: ['GET'], maxAge: PREFLIGHT_MAX_AGE_S },
    docs: admin,
  };
}

/**
 * The kind whose CORS policy answers a request. A preflight reaches @fastify/cors's own OPTIONS
 * route, so it takes the kind of the route it asks about (its Access-Control-Request-Method, same URL).
 */
function corsKindOf(request: FastifyRequest, kindAt: RouteKindLookup): RouteKind {
  const method = request.headers['access-control-request-method'];
  return request.method === 'OPTIONS' && typeof method === 'string'
    ? kindAt(method, request.url)
    : routeKindOf(request);
}

/** The Host and X-Forwarded-Host headers of a request or socket handshake. */
export interface HostHeaders {
  host?: string | string[];
  'x-forwarded-host'?: string | string[];
}

/**
 * Whether a browser at `origin` may use the admin API, as its CORS policy decides: any origin with
 * `*`, the listed ones, and always the server's own origin (its Host, or with TRUST_PROXY the first
 * X-Forwarded-Host; default ports and case do not matter). No Origin is not a browser.
 */
export function adminOriginAllowed(
  config: AppConfig,
  origin: string | undefined,
  headers: HostHeaders,
): boolean {
  if (!origin) return true;
  const origins = config.CORS_ORIGINS;
  if (origins.includes('*') || origins.includes(origin)) return true;
  const forwarded = config.TRUST_PROXY ? firstValue(headers['x-forwarded-host']) : undefined;
  const own = forwarded ?? firstValue(headers.host);
  if (!own) return false;
  try {
    const browser = new URL(origin);
    return browser.host === new URL(`${browser.protocol}//${own}`).host;
  } catch {
    return false;
  }
}

const firstValue = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim() || undefined;

/**
 * Helmet's headers for one fixed configuration, computed once at boot. (@fastify/helmet rebuilds
 * helmet's middleware on every request, a measurable share of a request's CPU; the headers never vary.)
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, response as never, () => undefined);
  return headers;
}

/**
 * Security headers, CORS and content-type handling, chosen by each route's declared kind. Must run
 * before routes are registered (preflights find the kind of their route in an index built as
 * routes are added).
 */
export async function registerHttpSecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const common: HelmetOptions = {
    // The widget API is called cross-origin by design; CORS (below) decides who may read responses.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    hsts: config.isProduction ? { maxAge: 15_552_000, includeSubDomains: true } : false,
  };
  const headers = Object.fromEntries(
    Object.entries(CSP_BY_KIND).map(([kind, csp]) => [
      kind,
      helmetHeaders({
        ...common,
        ...(JSON_KINDS.has(kind as RouteKind) ? NOT_FOR_JSON : {}),
        contentSecurityPolicy: csp,
      } as HelmetOptions),
    ]),
  ) as Record<RouteKind, Record<string, string>>;
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers[routeKindOf(request)]);
    done();
  });
  const kindAt = indexRouteKinds(fastify);
  const cors = corsPolicies(config);
  await app.register(fastifyCors, {
    delegator: (request: FastifyRequest, callback: (err: Error | null, o?: FastifyCorsOptions) => void) =>
      callback(null, cors[corsKindOf(request, kindAt)]),
  });
  // JSON is the only body format: text/plain (a Fastify default) would reach validation as a string.
  fastify.removeContentTypeParser('text/plain');
}
