/**
 * A typed fetch for the API, from the generated schema.d.ts (`npm run gen:api`). Paths, methods,
 * path and query parameters and bodies are checked at compile time; a success resolves to the
 * `{ data, meta? }` body, an error rejects with an ApiError. No dependencies: it ships to browsers.
 */
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type MethodOf<P extends keyof paths> = {
  [M in Method]: [NonNullable<paths[P][M]>] extends [never] ? never : M;
}[Method];
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
type SuccessStatus = 200 | 201 | 202 | 204;
/** The success body (`{ data, meta? }`), or undefined for 204. */
export type SuccessOf<O> = {
  [S in keyof Responses<O>]: S extends SuccessStatus ? Json<Responses<O>[S]> : never;
}[keyof Responses<O>] extends infer B
  ? [B] extends [never]
    ? undefined
    : B
  : never;

type Params<O> = O extends { parameters: infer P } ? P : never;
type PathOf<O> = Params<O> extends { path: infer X } ? X : never;
type QueryOf<O> = Params<O> extends { query?: infer Q } ? Q : never;
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type RequestOptions<O> = {
  query?: QueryOf<O>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
} & ([PathOf<O>] extends [never] ? { params?: never } : { params: PathOf<O> }) &
  ([BodyOf<O>] extends [never]
    ? { body?: never }
    : O extends { requestBody: object }
      ? { body: BodyOf<O> }
      : { body?: BodyOf<O> });

/** An error envelope `{ error: { code, message, details? }, requestId }`, with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    /** From Retry-After (429, 503), in milliseconds. */
    readonly retryAfterMs?: number,
    readonly details?: { path?: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code: string; message: string; details?: { path?: string; message: string }[] };
  requestId?: string;
}

export interface ClientOptions {
  /** Prefix of every path; '' (same origin) by default. */
  baseUrl?: string;
  /** Headers for every request, read each time (tokens change). */
  headers?: () => Record<string, string>;
  /** Sees every response first, e.g. to store a renewed X-Visitor-Token. */
  onResponse?: (res: Response) => void;
  fetch?: typeof fetch;
}

type Call<M extends Method> = <
  P extends { [K in keyof paths]: M extends MethodOf<K> ? K : never }[keyof paths],
>(
  path: P,
  ...options: Partial<RequestOptions<Op<P, M>>> extends RequestOptions<Op<P, M>>
    ? [RequestOptions<Op<P, M>>?]
    : [RequestOptions<Op<P, M>>]
) => Promise<SuccessOf<Op<P, M>>>;

export type ApiClient = { [M in Method]: Call<M> };

interface LooseOptions {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

const errorOf = (res: Response, body: ErrorBody | undefined): ApiError => {
  const retryAfter = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    body?.error?.code ?? 'HTTP_ERROR',
    body?.error?.message ?? res.statusText,
    body?.requestId,
    retryAfter > 0 ? retryAfter * 1000 : undefined,
    body?.error?.details,
  );
};

export function createClient(options: ClientOptions = {}): ApiClient {
  const send = async (method: Method, path: string, o: LooseOptions = {}) => {
    let url =
      (options.baseUrl ?? '') + path.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(o.params?.[k] ?? ''));
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) query.set(k, String(v));
    if (String(query)) url += `?${query}`;
    const headers: Record<string, string> = { ...options.headers?.(), ...o.headers };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await (options.fetch ?? fetch)(url, {
      method: method.toUpperCase(),
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: o.signal,
    });
    options.onResponse?.(res);
    const body = (res.status === 204 ? undefined : await res.json().catch(() => undefined)) as
      ErrorBody | undefined;
    if (res.ok) return body;
    throw errorOf(res, body);
  };
  const client = {} as Record<Method, unknown>;
  for (const m of ['get', 'post', 'put', 'patch', 'delete'] as const) {
    client[m] = (path: string, o?: object) => send(m, path, o);
  }
  return client as ApiClient;
}

/** Untyped calls (the front-ends' older call sites): `{ data, meta }` out, ApiError thrown. */
export interface ApiRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  credentials?: RequestCredentials;
}

export interface ApiResult<T, M = Record<string, unknown>> {
  data: T;
  meta?: M;
  headers: Headers;
}

/** Calls the API at `url`; network failures reject with ApiError status 0, code NETWORK_ERROR. */
export async function apiFetch<T, M = Record<string, unknown>>(
  url: string,
  request: ApiRequest = {},
): Promise<ApiResult<T, M>> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
      credentials: request.credentials ?? 'omit',
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : 'Network error');
  }
  const json = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw errorOf(res, json);
  return { data: json?.data as T, meta: json?.meta as M | undefined, headers: res.headers };
}
