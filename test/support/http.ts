import { assertConforms } from './contract';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `body` as-is (a string) instead of JSON-encoding it. */
  raw?: boolean;
}

/**
 * A tiny HTTP client bound to one server: `api.post('/api/v1/...', { token, body })`. Every
 * response to a documented route is checked against the OpenAPI document (test/support/contract.ts):
 * an undocumented status, a missing field or a wrong type fails the test that received it.
 */
export function httpClient(baseUrl: string) {
  async function request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = options.raw ? String(options.body) : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const response = { status: res.status, headers: res.headers, body };
    await assertConforms(baseUrl, method, path, response);
    return response;
  }
  return {
    baseUrl,
    request,
    get: <T = any>(path: string, o?: RequestOptions) => request<T>('GET', path, o),
    post: <T = any>(path: string, o?: RequestOptions) => request<T>('POST', path, o),
    patch: <T = any>(path: string, o?: RequestOptions) => request<T>('PATCH', path, o),
    put: <T = any>(path: string, o?: RequestOptions) => request<T>('PUT', path, o),
    delete: <T = any>(path: string, o?: RequestOptions) => request<T>('DELETE', path, o),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;
