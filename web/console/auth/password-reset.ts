// Signed-out account recovery: ask for a reset link, then set a new password with its token.
import { apiFetch } from '@shared/api/client';

/** The reset token of a reset link (/app/reset-password/<token>, or ?token=), if this is one. */
export function resetTokenOf(pathname: string, search: string): string | null {
  const match = /^\/app\/reset-password(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!match) return null;
  return match[1] ? decodeURIComponent(match[1]) : new URLSearchParams(search).get('token');
}

/** Always accepted by the server (it never says whether the account exists). */
export async function requestPasswordReset(email: string): Promise<void> {
  await apiFetch('/api/v1/auth/password/forgot', { method: 'POST', body: { email } });
}

/** Sets the new password; the server ends every session of the account. */
export async function resetPassword(token: string, password: string): Promise<void> {
  await apiFetch<void>('/api/v1/auth/password/reset', { method: 'POST', body: { token, password } });
}
