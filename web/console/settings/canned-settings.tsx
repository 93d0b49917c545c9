import { useState } from 'preact/hooks';
import '../canned/canned.css';
import { currentTeamId, currentUser } from '../auth/session';
import { cannedResponses, loadCannedResponses } from '../canned/canned-store';
import { api, errorText } from '../workspace/api';
import { canManage } from '../workspace/team-data';
import type { CannedResponse } from '../workspace/types';

interface Draft {
  shortcut: string;
  title: string;
  body: string;
}

const VARIABLES_HINT =
  'Variables: {{visitor.name}}, {{visitor.email}}, {{agent.name}}, {{project.name}}; a fallback after |: {{visitor.name | there}}.';

function CannedForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  submitLabel: string;
  onSubmit: (d: Draft) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const field = (k: keyof Draft) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [k]: e.currentTarget.value });
  return (
    <form
      class="canned-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await onSubmit(draft)) && !onCancel) setDraft(initial);
      }}
    >
      <label class="field">
        Shortcut
        <input
          class="input"
          required
          pattern="[a-z0-9_\-]{1,32}"
          title="1-32 lower-case letters, digits, _ or -"
          value={draft.shortcut}
          onInput={field('shortcut')}
        />
      </label>
      <label class="field">
        Title (optional)
        <input class="input" maxLength={100} value={draft.title} onInput={field('title')} />
      </label>
      <label class="field">
        Text
        <textarea
          class="input"
          required
          rows={3}
          maxLength={5000}
          value={draft.body}
          onInput={field('body')}
        />
      </label>
      <p class="ws-muted canned-hint">{VARIABLES_HINT}</p>
      <div class="inline-form">
        <button class="btn btn-primary" type="submit">
          {submitLabel}
        </button>
        {onCancel && (
          <button class="btn" type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

const draftOf = (c: CannedResponse): Draft => ({ shortcut: c.shortcut, title: c.title ?? '', body: c.body });
const bodyOf = (d: Draft) => ({ shortcut: d.shortcut, title: d.title.trim() || null, body: d.body });

/** Settings → Canned responses: every member adds them; the author or an admin edits and deletes. */
export function CannedSettings() {
  const teamId = currentTeamId.value;
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  if (!teamId) return null;
  const save = async (path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown) => {
    try {
      await api(path, { method, body });
      setError(null);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      await loadCannedResponses(teamId);
    }
  };
  const mayChange = (c: CannedResponse) => canManage.value || c.authorId === currentUser.value?.id;
  return (
    <div class="settings-stack">
      <section class="card settings-card" aria-labelledby="canned-title">
        <h1 id="canned-title">Canned responses</h1>
        <p class="ws-muted">
          Type <kbd>/</kbd> at the start of a reply to insert one.
        </p>
        {error && (
          <p role="alert" class="ws-error">
            {error}
          </p>
        )}
        <CannedForm
          initial={{ shortcut: '', title: '', body: '' }}
          submitLabel="Add canned response"
          onSubmit={(d) => save(`/teams/${teamId}/canned-responses`, 'POST', bodyOf(d))}
        />
      </section>
      <section class="card settings-card" aria-labelledby="canned-list-title">
        <h2 id="canned-list-title">The team's canned responses</h2>
        {cannedResponses.value.length === 0 && <p class="ws-muted">None yet.</p>}
        <ul class="settings-list canned-list">
          {cannedResponses.value.map((c) => (
            <li key={c.id}>
              {editing === c.id ? (
                <CannedForm
                  initial={draftOf(c)}
                  submitLabel={`Save /${c.shortcut}`}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (d) => {
                    const ok = await save(`/canned-responses/${c.id}`, 'PATCH', bodyOf(d));
                    if (ok) setEditing(null);
                    return ok;
                  }}
                />
              ) : (
                <>
                  <strong>/{c.shortcut}</strong> {c.title && <span>· {c.title}</span>}
                  <p class="canned-text">{c.body}</p>
                  {mayChange(c) && (
                    <div class="inline-form">
                      <button class="btn" type="button" onClick={() => setEditing(c.id)}>
                        Edit /{c.shortcut}
                      </button>
                      <button
                        class="btn"
                        type="button"
                        onClick={() =>
                          confirm(`Delete /${c.shortcut}?`) &&
                          void save(`/canned-responses/${c.id}`, 'DELETE')
                        }
                      >
                        Delete /{c.shortcut}
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
