// The agent's workspace: top bar (navigation, presence, notifications), the connection banner, and
// the page for the route (inbox + conversation, or settings).
import { useEffect } from 'preact/hooks';
import { SignOutButton } from '../auth/sign-out-button';
import { currentTeamId, currentUser } from '../auth/session';
import { TeamSwitcher } from '../auth/team-switcher';
import { InboxPage } from '../inbox/inbox-page';
import { items, loadInbox } from '../inbox/inbox-store';
import { ReportsPage } from '../reports/reports-page';
import { SettingsPage } from '../settings/settings-page';
import { ContactsPage } from '../contacts/contacts-page';
import { CONTACTS_PATH } from '../contacts/contacts-route';
import { SearchBox } from '../search/search-box';
import { ConnectionBanner } from './connection-banner';
import { liveSocket, startLive } from './live';
import { enableNotifications, notificationPermission } from './notify';
import { BASE, linkClick, parseRoute, path } from './router';
import { Shortcuts } from './shortcuts';
import { canManage, loadTeamData, members, onlineMembers, presenceByProject, projects } from './team-data';
import './workspace.css';

function Presence() {
  const connected = liveSocket.value?.state.value === 'connected';
  const others = onlineMembers.value.filter((m) => m.userId !== currentUser.value?.id);
  return (
    <div class="ws-presence" aria-label="Presence">
      <span class={`dot ${connected ? 'dot-on' : 'dot-off'}`} aria-hidden="true" />
      <span>{connected ? 'You are online' : 'You are offline'}</span>
      {others.length > 0 && (
        <span class="ws-muted" title={others.map((m) => m.name).join(', ')}>
          · Online: {others.map((m) => m.name).join(', ')}
        </span>
      )}
    </div>
  );
}

function TopBar() {
  const route = parseRoute(path.value);
  return (
    <header class="ws-top">
      <nav class="ws-nav" aria-label="Main">
        <span class="ws-brand">
          <TeamSwitcher />
        </span>
        <a href={BASE} onClick={linkClick} aria-current={route.name === 'inbox' ? 'page' : undefined}>
          Inbox
        </a>
        <a
          href={CONTACTS_PATH}
          onClick={linkClick}
          aria-current={route.name === 'contacts' ? 'page' : undefined}
        >
          Contacts
        </a>
        <a
          href={`${BASE}/reports`}
          onClick={linkClick}
          aria-current={route.name === 'reports' ? 'page' : undefined}
        >
          Reports
        </a>
        {canManage.value && (
          <a
            href={`${BASE}/settings/projects`}
            onClick={linkClick}
            aria-current={route.name === 'settings' ? 'page' : undefined}
          >
            Settings
          </a>
        )}
        {!canManage.value && (
          <a href={`${BASE}/settings/account`} onClick={linkClick}>
            Account
          </a>
        )}
      </nav>
      <SearchBox />
      <Presence />
      <div class="ws-top-actions">
        {notificationPermission.value === 'default' && (
          <button class="btn" type="button" onClick={() => void enableNotifications()}>
            Enable notifications
          </button>
        )}
        <span class="ws-muted" title={`Signed in as ${currentUser.value?.email}`}>
          {currentUser.value?.name}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}

export function Workspace() {
  const teamId = currentTeamId.value;
  useEffect(() => {
    if (!teamId) return;
    void loadTeamData(teamId).then(loadInbox);
    const socket = startLive(teamId);
    return () => {
      socket.close();
      liveSocket.value = null;
      // Nothing of one team (or user, after sign-out) stays in memory for the next.
      items.value = [];
      projects.value = [];
      members.value = [];
      presenceByProject.value = {};
    };
  }, [teamId]);
  const route = parseRoute(path.value);
  return (
    <div class="ws">
      <TopBar />
      <ConnectionBanner />
      {route.name === 'inbox' && <InboxPage conversationId={route.conversationId} />}
      {route.name === 'contacts' && <ContactsPage visitorId={route.visitorId} />}
      {route.name === 'settings' && <SettingsPage section={route.section} id={route.id} />}
      {route.name === 'reports' && <ReportsPage />}
      <Shortcuts />
    </div>
  );
}
