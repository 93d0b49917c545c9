// Keyboard shortcuts (single keys, outside text fields) and their "?" help overlay.
import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { focusReply, noteMode, openConversation } from '../conversation/conversation-store';
import { items } from '../inbox/inbox-store';
import { conversationPath, navigate } from './router';

export const SHORTCUTS: [string, string][] = [
  ['j', 'Next conversation'],
  ['k', 'Previous conversation'],
  ['r', 'Focus the reply box'],
  ['n', 'Toggle private note mode (and focus the reply box)'],
  ['e', 'Resolve the conversation'],
  ['Esc', 'Leave the reply box / close this help'],
  ['/', 'Search (also Ctrl+K)'],
  ['?', 'Show this help'],
];

const helpOpen = signal(false);

function step(by: number): void {
  const list = items.value;
  if (list.length === 0) return;
  const at = list.findIndex((i) => i.id === openConversation.value?.id);
  const next = at < 0 ? 0 : Math.min(list.length - 1, Math.max(0, at + by));
  navigate(conversationPath(list[next].id));
}

const inField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

function onKey(e: KeyboardEvent): void {
  if (e.key === 'Escape' && helpOpen.value) return void (helpOpen.value = false);
  if (e.ctrlKey || e.metaKey || e.altKey || inField(e.target)) return;
  const actions: Record<string, () => void> = {
    j: () => step(1),
    k: () => step(-1),
    r: () => (focusReply.value += 1),
    n: () => {
      noteMode.value = !noteMode.value;
      focusReply.value += 1;
    },
    e: () => void openConversation.value?.update({ status: 'resolved' }),
    '?': () => (helpOpen.value = !helpOpen.value),
  };
  const action = actions[e.key];
  if (!action) return;
  e.preventDefault();
  action();
}

function Help() {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && (helpOpen.value = false)}>
      <div class="card help" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl class="help-keys">
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button ref={close} class="btn" type="button" onClick={() => (helpOpen.value = false)}>
          Close
        </button>
      </div>
    </div>
  );
}

export function Shortcuts() {
  useEffect(() => {
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return helpOpen.value ? <Help /> : null;
}
