// The agent's session in the console. CONTRACT shared by the console's parts (the UI codes against
// this interface; the auth part implements it): the access token lives in memory only; the refresh
// token is an HttpOnly cookie the API sets and reads on /api/v1/auth/*, never visible to scripts.
import { signal } from '@preact/signals';

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

/** Restores the session from the refresh cookie on page load (sets `restoring` false when done). */
export async function restoreSession(): Promise<void> {
  restoring.value = false;
}

export async function signIn(_email: string, _password: string): Promise<void> {
  throw new Error('not implemented yet');
}

export async function signUp(_name: string, _email: string, _password: string): Promise<void> {
  throw new Error('not implemented yet');
}

export async function signOut(): Promise<void> {
  currentUser.value = null;
}

/**
 * A valid access token, refreshed first when it is about to expire (one refresh at a time across
 * tabs). Rejects when the session has ended (then `currentUser` becomes null).
 */
export async function accessToken(): Promise<string> {
  throw new Error('not signed in');
}

/** Subscribes to new access tokens (the realtime socket reconnects with them). */
export function onAccessToken(_listener: (token: string) => void): () => void {
  return () => undefined;
}
