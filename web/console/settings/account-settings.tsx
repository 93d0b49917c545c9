import { currentUser } from '../auth/session';

/** The account as the API knows it. (The API has no route yet to change a name or a password.) */
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
      <p class="ws-muted">Changing your name or password is not available yet.</p>
    </section>
  );
}
