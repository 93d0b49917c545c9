import { useState } from 'preact/hooks';
import { navigate } from '../router';
import { AuthForm, type AuthMode } from './auth-form';
import { AuthLayout } from './auth-screen';
import { formErrors } from './error-messages';
import { acceptInvitation, currentUser, signOut } from './session';

/** The invitation token of an invitation link (/app/invite/<token>), if this is one. */
export function invitationTokenOf(pathname: string): string | null {
  const match = /^\/app\/invite\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

/** An invitation link: sign in or sign up (with the invited email), then join the team. */
export function InvitePage({ token }: { token: string }) {
  const [mode, setMode] = useState<AuthMode>('sign-up');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const user = currentUser.value;

  if (!user) {
    return (
      <AuthLayout title="Join your team on Spectre">
        <p class="lead">
          You have been invited to a team.{' '}
          {mode === 'sign-up'
            ? 'Create an account with the email address the invitation was sent to: you join the team at once.'
            : 'Sign in with the email address the invitation was sent to, then accept it.'}
        </p>
        <AuthForm
          mode={mode}
          onModeChange={setMode}
          invitationToken={mode === 'sign-up' ? token : undefined}
          onDone={mode === 'sign-up' ? () => navigate('/app', { replace: true }) : undefined}
        />
      </AuthLayout>
    );
  }

  async function accept() {
    setBusy(true);
    setError(undefined);
    try {
      await acceptInvitation(token);
      navigate('/app', { replace: true });
    } catch (err) {
      setError(formErrors(err).form);
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Join your team on Spectre">
      <div class="stack">
        <p class="lead">
          You are signed in as <strong>{user.email}</strong>. Accept the invitation to join the team.
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={accept} disabled={busy}>
            Accept invitation
          </button>
          <button type="button" class="btn" onClick={() => void signOut()}>
            Use another account
          </button>
        </div>
      </div>
    </AuthLayout>
  );
}
