// What the console's tabs tell each other, and the lock that lets one refresh at a time.
// The access token is handed over in memory (BroadcastChannel), never written to storage.

export type TabMessage =
  | { type: 'token'; userId: string; accessToken: string; expiresAt: number }
  | { type: 'signed-in'; userId: string }
  | { type: 'signed-out' };

const CHANNEL = 'spectre-console-session';
const REFRESH_LOCK = 'spectre-console-refresh';

const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

export function tellOtherTabs(message: TabMessage): void {
  channel?.postMessage(message);
}

export function onTabMessage(listener: (message: TabMessage) => void): void {
  channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => listener(event.data));
}

/**
 * Runs `work` while holding the refresh lock of all this origin's tabs (Web Locks API). Without
 * the API it just runs: two tabs may then race, and the server's retry answer for a just-rotated
 * cookie (409 REFRESH_TOKEN_ROTATED) keeps both signed in.
 */
export function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined;
  if (!locks) return work();
  return locks.request(REFRESH_LOCK, work) as Promise<T>;
}
