import { apiFetch, type ApiRequest, type ApiResult } from '@shared/api/client';
import { accessToken } from '../auth/session';

/** The API as the signed-in agent: the shared fetch wrapper with a fresh bearer token. */
export async function api<T, M = Record<string, unknown>>(
  path: string,
  request: ApiRequest = {},
): Promise<ApiResult<T, M>> {
  const token = await accessToken();
  return apiFetch<T, M>(`/api/v1${path}`, {
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${token}` },
  });
}

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A message for people from any error (the API's own message when there is one). */
export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : 'Something went wrong';
