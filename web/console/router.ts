// The console's client-side location: every /app/* path is served the same page.
import { signal } from '@preact/signals';

export const path = signal(location.pathname);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = location.pathname;
}

addEventListener('popstate', () => (path.value = location.pathname));
