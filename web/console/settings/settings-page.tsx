import { BASE, linkClick, type SettingsSection } from '../workspace/router';
import { canManage } from '../workspace/team-data';
import { AccountSettings } from './account-settings';
import { ProjectsSettings } from './projects-settings';
import { TeamSettings } from './team-settings';
import { LabelsSettings } from './labels-settings';
import { CannedSettings } from './canned-settings';

type Section = SettingsSection;
/** Sections every member opens (the others are for owners and admins). */
const FOR_EVERYONE = new Set<Section>(['account', 'labels', 'canned-responses']);
const SECTIONS: [Section, string][] = [
  ['projects', 'Projects'],
  ['team', 'Team'],
  ['labels', 'Labels'],
  ['canned-responses', 'Canned responses'],
  ['account', 'Account'],
];

export function SettingsPage({ section, id }: { section: Section; id: string | null }) {
  const allowed = canManage.value || FOR_EVERYONE.has(section);
  return (
    <main class="ws-main settings">
      <nav class="settings-nav" aria-label="Settings">
        {SECTIONS.filter(([s]) => canManage.value || FOR_EVERYONE.has(s)).map(([s, label]) => (
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
        {section === 'labels' && <LabelsSettings />}
        {section === 'canned-responses' && <CannedSettings />}
      </div>
    </main>
  );
}
