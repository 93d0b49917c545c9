// The agent's session in the console. CONTRACT shared by the console's parts (the UI codes against
// this interface; the auth part implements it): the access token lives in memory only; the refresh
// token is an HttpOnly cookie the API sets and reads on /api/v1/auth/*, never visible to scripts.
import { batch, signal } from '@preact/signals';
import { ApiError, apiFetch, type ApiRequest, type ApiResult } from '@shared/api/client';
import type { ConsoleTokens, SignInResponse, TeamResponse } from './api-types';
import { onTabMessage, tellOtherTabs, withRefreshLock } from './tabs';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export interface SessionTeam {
  id: string;
  name: string;
  role: 'owner' | 'admin' | 'agent';
}

/** null while signed out; set after sign-in, sign-up, or a restored session on page load. */
export const currentUser = signal<SessionUser | null>(null);
/** The teams the user belongs to, and the one the console shows. */
export const teams = signal<SessionTeam[]>([]);
export const currentTeamId = signal<string | null>(null);
/** true until the first restore attempt (cookie refresh on page load) has finished. */
export const restoring = signal(true);

// The server sets and reads the refresh cookie only when asked, and only for its own origin.
const COOKIE_MODE: ApiRequest = { headers: { 'x-refresh-cookie': '1' }, credentials: 'same-origin' };
/** Refresh when less than this is left (a quarter of a short lifetime at most). */
const REFRESH_AHEAD_MS = 60_000;
/** Another tab just rotated the cookie: the browser holds its successor after a moment. */
const ROTATED_RETRY_MS = 300;
const ROTATED_RETRIES = 5;
const RATE_LIMITED_RETRIES = 2;

let token: { value: string; expiresAt: number; ahead: number } | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<string> | null = null;
const listeners = new Set<(token: string) => void>();

const fresh = (t: typeof token): t is NonNullable<typeof token> =>
  t !== null && t.expiresAt - Date.now() > t.ahead;

function adoptToken(value: string, expiresAt: number): void {
  const lifetime = expiresAt - Date.now();
  token = { value, expiresAt, ahead: Math.min(REFRESH_AHEAD_MS, lifetime / 4) };
  clearTimeout(refreshTimer);
  // Refreshed ahead of time, so the realtime socket always has a valid token to reconnect with.
  refreshTimer = setTimeout(() => void accessToken().catch(() => undefined), lifetime - token.ahead);
  for (const listener of listeners) listener(value);
}

function receiveTokens(tokens: ConsoleTokens, userId: string): string {
  const expiresAt = Date.now() + tokens.expiresIn * 1000;
  adoptToken(tokens.accessToken, expiresAt);
  tellOtherTabs({ type: 'token', userId, accessToken: tokens.accessToken, expiresAt });
  return tokens.accessToken;
}

function endSession(): void {
  token = null;
  clearTimeout(refreshTimer);
  batch(() => {
    currentUser.value = null;
    teams.value = [];
    currentTeamId.value = null;
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** How long to wait before trying a refresh again, or undefined when it is not worth it. */
function retryDelay(err: unknown, attempt: number): number | undefined {
  if (!(err instanceof ApiError)) return undefined;
  if (err.code === 'REFRESH_TOKEN_ROTATED' && attempt < ROTATED_RETRIES) return ROTATED_RETRY_MS;
  // Refreshes share the auth rate limit per IP (an office behind one address reloading at once).
  if (err.code === 'RATE_LIMITED' && attempt < RATE_LIMITED_RETRIES) {
    return Math.min(err.retryAfterMs ?? 5_000, 60_000);
  }
  return undefined;
}

async function refreshByCookie(): Promise<ConsoleTokens> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await apiFetch<ConsoleTokens>('/api/v1/auth/refresh', {
        ...COOKIE_MODE,
        method: 'POST',
        body: {},
      });
      return data;
    } catch (err) {
      const wait = retryDelay(err, attempt);
      if (wait === undefined) throw err;
      await sleep(wait);
    }
  }
}

/** One refresh at a time in this tab, and across tabs by the refresh lock. */
function refreshOnce(): Promise<string> {
  refreshing ??= withRefreshLock(async () => {
    // Another tab may have refreshed while this one waited: its token came over the channel.
    if (fresh(token)) return token.value;
    try {
      const tokens = await refreshByCookie();
      return receiveTokens(tokens, currentUser.value?.id ?? '');
    } catch (err) {
      // 401: the session is over (signed out elsewhere, expired, revoked). Network errors keep it.
      if (err instanceof ApiError && err.status === 401) endSession();
      throw err;
    }
  }).finally(() => (refreshing = null));
  return refreshing;
}

/**
 * A valid access token, refreshed first when it is about to expire (one refresh at a time across
 * tabs). Rejects when the session has ended (then `currentUser` becomes null).
 */
export async function accessToken(): Promise<string> {
  if (fresh(token)) return token.value;
  if (!token && !currentUser.value) throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in');
  return refreshOnce();
}

/** Subscribes to new access tokens (the realtime socket reconnects with them). */
export function onAccessToken(listener: (token: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** An API call as the signed-in agent: the bearer token added, refreshed once if it was refused. */
export async function authedFetch<T, M = Record<string, unknown>>(
  url: string,
  request: ApiRequest = {},
): Promise<ApiResult<T, M>> {
  const call = async () =>
    apiFetch<T, M>(url, {
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${await accessToken()}` },
    });
  try {
    return await call();
  } catch (err) {
    // Expired, or revoked with its session: a refresh tells which (and ends a revoked session).
    if (!(err instanceof ApiError) || !['TOKEN_EXPIRED', 'TOKEN_INVALID'].includes(err.code)) throw err;
    token = null;
    return call();
  }
}

const teamKey = (userId: string) => `spectre.console.team:${userId}`;

/** Reloads the user's teams; keeps the current team when it is still one of them. */
export async function reloadTeams(): Promise<void> {
  const { data } = await authedFetch<TeamResponse[]>('/api/v1/teams');
  const list = data.map(({ id, name, role }) => ({ id, name, role }));
  const userId = currentUser.value?.id;
  const wanted = currentTeamId.value ?? (userId ? localStorage.getItem(teamKey(userId)) : null);
  batch(() => {
    teams.value = list;
    currentTeamId.value = list.find((t) => t.id === wanted)?.id ?? list[0]?.id ?? null;
  });
}

/** Shows another of the user's teams (remembered for the next visit on this browser). */
export function switchTeam(teamId: string): void {
  if (!teams.value.some((t) => t.id === teamId)) return;
  currentTeamId.value = teamId;
  if (currentUser.value) localStorage.setItem(teamKey(currentUser.value.id), teamId);
}

async function startSession(user: SessionUser, tokens: ConsoleTokens): Promise<void> {
  currentUser.value = { id: user.id, name: user.name, email: user.email };
  receiveTokens(tokens, user.id);
  await reloadTeams();
}

/** Restores the session from the refresh cookie on page load (sets `restoring` false when done). */
export async function restoreSession(): Promise<void> {
  try {
    const tokens = await withRefreshLock(refreshByCookie);
    token = null;
    adoptToken(tokens.accessToken, Date.now() + tokens.expiresIn * 1000);
    const { data: user } = await authedFetch<SessionUser>('/api/v1/auth/me');
    await startSession(user, tokens);
  } catch {
    endSession();
  } finally {
    restoring.value = false;
  }
}

async function signInWith(path: string, body: Record<string, string>): Promise<void> {
  const { data } = await apiFetch<SignInResponse>(path, { ...COOKIE_MODE, method: 'POST', body });
  await startSession(data.user, data);
  tellOtherTabs({ type: 'signed-in', userId: data.user.id });
}

export async function signIn(email: string, password: string): Promise<void> {
  await signInWith('/api/v1/auth/login', { email, password });
}

/** With an invitation token the new account joins the inviting team instead of getting its own. */
export async function signUp(
  name: string,
  email: string,
  password: string,
  invitationToken?: string,
): Promise<void> {
  await signInWith('/api/v1/auth/register', {
    name,
    email,
    password,
    ...(invitationToken ? { invitationToken } : {}),
  });
}

/** Ends the session on the server (which clears the cookie) and in every tab. */
export async function signOut(): Promise<void> {
  const logout: ApiRequest = { method: 'POST', credentials: 'same-origin' };
  try {
    await authedFetch<void>('/api/v1/auth/logout', logout);
  } catch {
    // No access token (a refresh failed, the network blinked): the cookie alone names the session,
    // which would otherwise come back on the next page load.
    await apiFetch<void>('/api/v1/auth/logout', logout).catch(() => undefined);
  } finally {
    endSession();
    tellOtherTabs({ type: 'signed-out' });
  }
}

/** Joins the team of an invitation (sent to the signed-in user's email) and shows it. */
export async function acceptInvitation(invitationToken: string): Promise<SessionTeam> {
  const { data } = await authedFetch<TeamResponse>('/api/v1/invitations/accept', {
    method: 'POST',
    body: { token: invitationToken },
  });
  await reloadTeams();
  switchTeam(data.id);
  return { id: data.id, name: data.name, role: data.role };
}

onTabMessage((message) => {
  if (message.type === 'token') {
    if (currentUser.value?.id === message.userId) adoptToken(message.accessToken, message.expiresAt);
  } else if (message.type === 'signed-out') {
    endSession();
  } else if (!currentUser.value && !restoring.value) {
    void restoreSession();
  }
});
