import { useState } from 'preact/hooks';
import type { OpenConversation } from '../conversation/conversation-store';
import { api, errorText } from '../workspace/api';
import type { Conversation, ConversationDetail } from '../workspace/types';
import { LabelChips } from './label-chips';
import { teamLabels } from './label-store';

/** The open conversation's label chips and a pop-over of the team's labels to tick on or off. */
export function LabelPicker({
  conversation,
  detail,
}: {
  conversation: OpenConversation;
  detail: ConversationDetail;
}) {
  const [error, setError] = useState<string | null>(null);
  const chosen = new Set(detail.labels.map((l) => l.id));
  const toggle = async (id: string, on: boolean) => {
    const labelIds = [...chosen].filter((x) => x !== id);
    if (on) labelIds.push(id);
    try {
      const { data } = await api<Conversation>(`/conversations/${conversation.id}/labels`, {
        method: 'PUT',
        body: { labelIds },
      });
      conversation.onConversation(data);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div class="label-bar">
      <LabelChips labels={detail.labels} />
      <details class="label-picker">
        <summary class="btn">Labels</summary>
        <div class="label-picker-pop card" role="group" aria-labelledby="label-picker-title">
          <p id="label-picker-title" class="label-picker-title">
            Labels of this conversation
          </p>
          {teamLabels.value.length === 0 && (
            <p class="ws-muted">No labels yet: add them in Settings → Labels.</p>
          )}
          {teamLabels.value.map((l) => (
            <label key={l.id} class="label-option">
              <input
                type="checkbox"
                checked={chosen.has(l.id)}
                onChange={(e) => void toggle(l.id, e.currentTarget.checked)}
              />
              <span class="label-swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.name}
            </label>
          ))}
          {error && (
            <p role="alert" class="ws-error">
              {error}
            </p>
          )}
        </div>
      </details>
    </div>
  );
}
