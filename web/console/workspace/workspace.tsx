// Placeholder: the console's signed-in UI (inbox, conversation, settings) replaces this file.
import { TeamSwitcher } from '../auth/team-switcher';
import { SignOutButton } from '../auth/sign-out-button';
import { currentUser } from '../auth/session';

export function Workspace() {
  return (
    <div class="workspace">
      <header class="topbar">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true">
            S
          </span>{' '}
          Spectre
        </span>
        <TeamSwitcher />
        <span class="topbar-spacer" />
        <span class="user-name">{currentUser.value?.name}</span>
        <SignOutButton />
      </header>
      <main class="workspace-main">
        <h1>Inbox</h1>
        <p class="muted">Signed in as {currentUser.value?.email}.</p>
      </main>
    </div>
  );
}
