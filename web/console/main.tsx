import { render } from 'preact';
import './styles/base.css';
import { AuthScreen } from './auth/auth-screen';
import { InvitePage, invitationTokenOf } from './auth/invite-page';
import { ForgotPasswordPage, ResetPasswordPage } from './auth/password-pages';
import { resetTokenOf } from './auth/password-reset';
import { currentUser, restoreSession, restoring } from './auth/session';
import { path } from './router';
import { Workspace } from './workspace/workspace';

function App() {
  if (restoring.value) {
    return (
      <main class="splash" aria-busy="true">
        <p>Loading…</p>
      </main>
    );
  }
  const invitation = invitationTokenOf(path.value);
  if (invitation) return <InvitePage token={invitation} />;
  const reset = resetTokenOf(path.value, location.search);
  if (reset) return <ResetPasswordPage token={reset} />;
  if (!currentUser.value && path.value === '/app/forgot-password') return <ForgotPasswordPage />;
  return currentUser.value ? <Workspace /> : <AuthScreen />;
}

void restoreSession();
render(<App />, document.getElementById('app')!);
