import { useState } from 'preact/hooks';
import { currentUser } from '../auth/session';
import { members } from '../workspace/team-data';
import type { ConversationDetail, ConversationStatus } from '../workspace/types';
import type { OpenConversation } from './conversation-store';

/** datetime-local value for a time `hours` from now (local time). */
function localInput(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function ConversationActions({
  conversation,
  detail,
}: {
  conversation: OpenConversation;
  detail: ConversationDetail;
}) {
  const [snoozeAt, setSnoozeAt] = useState(() => localInput(4));
  const me = currentUser.value?.id;
  const setStatus = (status: ConversationStatus) => void conversation.update({ status });
  return (
    <div class="conversation-actions">
      <span class={`badge status-${detail.status}`} aria-label={`Status: ${detail.status}`}>
        {detail.status}
        {detail.status === 'snoozed' && detail.snoozedUntil
          ? ` until ${new Date(detail.snoozedUntil).toLocaleString()}`
          : ''}
      </span>
      <label class="field field-inline">
        Assignee
        <select
          class="input"
          value={detail.assigneeId ?? ''}
          onChange={(e) => void conversation.update({ assigneeId: e.currentTarget.value || null })}
        >
          <option value="">Unassigned</option>
          {members.value.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.userId === me ? `${m.name} (me)` : m.name}
            </option>
          ))}
        </select>
      </label>
      {detail.assigneeId !== me && me && (
        <button class="btn" type="button" onClick={() => void conversation.update({ assigneeId: me })}>
          Assign to me
        </button>
      )}
      {detail.status !== 'open' && (
        <button class="btn" type="button" onClick={() => setStatus('open')}>
          Reopen
        </button>
      )}
      {detail.status !== 'pending' && detail.status !== 'resolved' && (
        <button class="btn" type="button" onClick={() => setStatus('pending')}>
          Mark pending
        </button>
      )}
      <details class="snooze">
        <summary class="btn">Snooze</summary>
        <div class="snooze-pop card">
          <label class="field">
            Snooze until
            <input
              class="input"
              type="datetime-local"
              value={snoozeAt}
              onInput={(e) => setSnoozeAt(e.currentTarget.value)}
            />
          </label>
          <button
            class="btn"
            type="button"
            onClick={() =>
              void conversation.update({ status: 'snoozed', snoozedUntil: new Date(snoozeAt).toISOString() })
            }
          >
            Snooze conversation
          </button>
        </div>
      </details>
      {detail.status !== 'resolved' && (
        <button class="btn btn-primary" type="button" onClick={() => setStatus('resolved')}>
          Resolve
        </button>
      )}
    </div>
  );
}
