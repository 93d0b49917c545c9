// The workspace's client-side routes under /app/*, read from the console's one location signal.
import { navigate } from '../router';

export { navigate, path } from '../router';

export const BASE = '/app';

export type Route =
  | { name: 'inbox'; conversationId: string | null }
  | { name: 'settings'; section: SettingsSection; id: string | null }
  | { name: 'contacts'; visitorId: string | null }
  | { name: 'reports' };

export type SettingsSection = 'projects' | 'team' | 'account' | 'labels' | 'canned-responses';
const SETTINGS_SECTIONS: SettingsSection[] = ['projects', 'team', 'account', 'labels', 'canned-responses'];

export function parseRoute(p: string): Route {
  const parts = p
    .replace(/^\/app\/?/, '')
    .split('/')
    .filter(Boolean);
  if (parts[0] === 'settings') {
    const section = SETTINGS_SECTIONS.find((s) => s === parts[1]) ?? 'projects';
    return { name: 'settings', section, id: parts[2] ?? null };
  }
  if (parts[0] === 'contacts') return { name: 'contacts', visitorId: parts[1] ?? null };
  if (parts[0] === 'reports') return { name: 'reports' };
  if (parts[0] === 'conversations' && parts[1]) return { name: 'inbox', conversationId: parts[1] };
  return { name: 'inbox', conversationId: null };
}

export const conversationPath = (id: string): string => `${BASE}/conversations/${id}`;

/** onClick for an <a href> that stays in the app (modified clicks open a tab as usual). */
export function linkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = (e.currentTarget as HTMLAnchorElement).getAttribute('href');
  if (!href?.startsWith(BASE)) return;
  e.preventDefault();
  navigate(href);
}
