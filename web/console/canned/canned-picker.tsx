import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { currentUser } from '../auth/session';
import type { OpenConversation } from '../conversation/conversation-store';
import { projectName } from '../workspace/team-data';
import { cannedResponses } from './canned-store';
import { cannedQuery, fillVariables, rankCanned, type CannedItem } from './canned-text';
import './canned.css';

const LISTBOX_ID = 'canned-picker';
const optionId = (id: string) => `canned-option-${id}`;

/**
 * The reply box's "/" picker (ARIA combobox with a listbox popup): typing "/" at the start lists the
 * team's canned responses ranked by shortcut prefix, then by title and body words; arrows move,
 * Enter or Tab inserts the body with its variables filled in, Escape closes.
 *
 * It listens on the reply textarea itself (capture phase, so its keys win over the reply box's own
 * Enter-sends) and makes the textarea a combobox only while open, so the reply box needs one line.
 */
export function CannedPicker({
  input,
  text,
  onInsert,
  conversation,
}: {
  input: RefObject<HTMLTextAreaElement | null>;
  text: string;
  onInsert: (text: string) => void;
  conversation: OpenConversation;
}) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const query = cannedQuery(text);
  const open = query !== null && dismissed !== text;
  const matches = open ? rankCanned(cannedResponses.value, query) : [];
  const current = matches[Math.min(active, matches.length - 1)];

  useEffect(() => setActive(0), [query]);

  const insert = (item: CannedItem) => {
    const detail = conversation.detail.peek();
    onInsert(
      fillVariables(item.body, {
        'visitor.name': detail?.visitor.name,
        'visitor.email': detail?.visitor.email,
        'agent.name': currentUser.peek()?.name,
        'project.name': detail ? projectName(detail.projectId) : null,
      }),
    );
    input.current?.focus();
  };

  // The latest state for the listener, which is added once.
  const state = useRef({ open, matches, current, insert, text });
  state.current = { open, matches, current, insert, text };
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const s = state.current;
      if (!s.open || e.isComposing) return;
      const n = s.matches.length;
      let handled = true;
      if (e.key === 'Escape') setDismissed(s.text);
      else if (n === 0) handled = false;
      else if (e.key === 'ArrowDown') setActive((i) => (Math.min(i, n - 1) + 1) % n);
      else if (e.key === 'ArrowUp') setActive((i) => (Math.min(i, n - 1) - 1 + n) % n);
      else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') s.insert(s.current!);
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    el.addEventListener('keydown', onKey, true);
    return () => el.removeEventListener('keydown', onKey, true);
  }, [input]);

  const expanded = open && matches.length > 0;
  // In the same commit as the listbox itself: after paint, the textarea would for a moment still
  // be a combobox controlling a listbox that is gone (and a test reading it then would see that).
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    const set = (name: string, value: string | null) =>
      value === null ? el.removeAttribute(name) : el.setAttribute(name, value);
    set('role', open ? 'combobox' : null);
    set('aria-autocomplete', open ? 'list' : null);
    set('aria-expanded', open ? String(expanded) : null);
    set('aria-controls', open ? LISTBOX_ID : null);
    set('aria-activedescendant', expanded && current ? optionId(current.id) : null);
  });

  if (!open) return null;
  if (matches.length === 0) {
    return (
      <p class="canned-empty ws-muted" role="status">
        No canned response matches “/{query}”. Esc to write it as it is.
      </p>
    );
  }
  return (
    <ul class="canned-picker card" id={LISTBOX_ID} role="listbox" aria-label="Canned responses">
      {matches.map((m) => (
        <li
          key={m.id}
          id={optionId(m.id)}
          role="option"
          aria-selected={m === current}
          class="canned-option"
          // mousedown, not click: the textarea keeps its focus.
          onMouseDown={(e) => {
            e.preventDefault();
            insert(m);
          }}
        >
          <span class="canned-shortcut">/{m.shortcut}</span>
          {m.title && <span class="canned-title">{m.title}</span>}
          <span class="canned-body">{m.body}</span>
        </li>
      ))}
    </ul>
  );
}
