import type { ApiRequest, ApiResult } from '@shared/api/client';
import { authedFetch } from '../auth/session';

/** The API under /api/v1 as the signed-in agent (the session's authedFetch: bearer token, refreshed). */
export const api = <T, M = Record<string, unknown>>(
  path: string,
  request: ApiRequest = {},
): Promise<ApiResult<T, M>> => authedFetch<T, M>(`/api/v1${path}`, request);

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
