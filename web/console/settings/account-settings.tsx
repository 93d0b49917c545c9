import { currentUser } from '../auth/session';
import { NotificationSwitches } from './notification-switches';

/** The account as the API knows it, and its email notification switches. */
export function AccountSettings() {
  const user = currentUser.value;
  return (
    <section class="card settings-card" aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      <dl class="visitor-facts">
        <dt>Name</dt>
        <dd>{user?.name}</dd>
        <dt>Email</dt>
        <dd>{user?.email}</dd>
      </dl>
      <p class="ws-muted">
        To change your password, sign out and use “Forgot password?” on the sign-in screen.
      </p>
      <NotificationSwitches />
    </section>
  );
}
