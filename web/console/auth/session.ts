// TEMPORARY (branch wt-console-ui): a minimal session with the shared interface, so the workspace
// can be built and tested before the real one lands. It keeps the refresh token in memory (no
// cookie, so a reload signs out). At merge, take the wt-console-auth helper's version of this file.
import { signal } from '@preact/signals';
import { ApiError, apiFetch } from '@shared/api/client';

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

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** null while signed out; set after sign-in, sign-up, or a restored session on page load. */
export const currentUser = signal<SessionUser | null>(null);
/** The teams the user belongs to, and the one the console shows. */
export const teams = signal<SessionTeam[]>([]);
export const currentTeamId = signal<string | null>(null);
/** true until the first restore attempt (cookie refresh on page load) has finished. */
export const restoring = signal(true);

let tokens: (Tokens & { expiresAt: number }) | null = null;
let refreshing: Promise<string> | null = null;
const listeners = new Set<(token: string) => void>();

function keep(t: Tokens): string {
  tokens = { ...t, expiresAt: Date.now() + t.expiresIn * 1000 };
  for (const listener of listeners) listener(t.accessToken);
  return t.accessToken;
}

async function loadTeams(token: string): Promise<void> {
  const { data } = await apiFetch<SessionTeam[]>('/api/v1/teams', {
    headers: { authorization: `Bearer ${token}` },
  });
  teams.value = data;
  if (!data.some((t) => t.id === currentTeamId.value)) currentTeamId.value = data[0]?.id ?? null;
}

async function start(data: Tokens & { user: SessionUser }): Promise<void> {
  const token = keep(data);
  await loadTeams(token);
  currentUser.value = { id: data.user.id, name: data.user.name, email: data.user.email };
}

/** Restores the session from the refresh cookie on page load (sets `restoring` false when done). */
export async function restoreSession(): Promise<void> {
  restoring.value = false;
}

export async function signIn(email: string, password: string): Promise<void> {
  const { data } = await apiFetch<Tokens & { user: SessionUser }>('/api/v1/auth/login', {
    method: 'POST',
    body: { email, password },
  });
  await start(data);
}

export async function signUp(name: string, email: string, password: string): Promise<void> {
  const { data } = await apiFetch<Tokens & { user: SessionUser }>('/api/v1/auth/register', {
    method: 'POST',
    body: { name, email, password },
  });
  await start(data);
}

export async function signOut(): Promise<void> {
  const token = tokens?.accessToken;
  tokens = null;
  currentUser.value = null;
  if (token) {
    await apiFetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
      () => undefined,
    );
  }
}

/**
 * A valid access token, refreshed first when it is about to expire (one refresh at a time across
 * tabs). Rejects when the session has ended (then `currentUser` becomes null).
 */
export async function accessToken(): Promise<string> {
  if (!tokens) throw new Error('not signed in');
  if (tokens.expiresAt - Date.now() > 30_000) return tokens.accessToken;
  refreshing ??= apiFetch<Tokens>('/api/v1/auth/refresh', {
    method: 'POST',
    body: { refreshToken: tokens.refreshToken },
  })
    .then(({ data }) => keep(data))
    .catch((err) => {
      // Offline is not signed out: only the API's refusal ends the session.
      if (err instanceof ApiError && err.status === 401) {
        tokens = null;
        currentUser.value = null;
      }
      throw err;
    })
    .finally(() => (refreshing = null));
  return refreshing;
}

/** Subscribes to new access tokens (the realtime socket reconnects with them). */
export function onAccessToken(listener: (token: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
