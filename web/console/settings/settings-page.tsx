import { BASE, linkClick } from '../workspace/router';
import { canManage } from '../workspace/team-data';
import { AccountSettings } from './account-settings';
import { ProjectsSettings } from './projects-settings';
import { TeamSettings } from './team-settings';

type Section = 'projects' | 'team' | 'account';
const SECTIONS: [Section, string][] = [
  ['projects', 'Projects'],
  ['team', 'Team'],
  ['account', 'Account'],
];

export function SettingsPage({ section, id }: { section: Section; id: string | null }) {
  const allowed = canManage.value || section === 'account';
  return (
    <main class="ws-main settings">
      <nav class="settings-nav" aria-label="Settings">
        {SECTIONS.filter(([s]) => canManage.value || s === 'account').map(([s, label]) => (
          <a
            key={s}
            href={`${BASE}/settings/${s}`}
            onClick={linkClick}
            aria-current={s === section ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <div class="settings-body">
        {!allowed && <p>Only owners and admins manage the team's settings.</p>}
        {allowed && section === 'projects' && <ProjectsSettings id={id} />}
        {allowed && section === 'team' && <TeamSettings />}
        {section === 'account' && <AccountSettings />}
      </div>
    </main>
  );
}
