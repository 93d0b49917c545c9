import { useState } from 'preact/hooks';
import '../labels/labels.css';
import { currentTeamId } from '../auth/session';
import { loadLabels, teamLabels } from '../labels/label-store';
import { api, errorText } from '../workspace/api';
import { canManage } from '../workspace/team-data';
import type { Label } from '../workspace/types';

type Save = (path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown) => Promise<boolean>;

function LabelRow({ label, save }: { label: Label; save: Save }) {
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState(label.color);
  const changed = name.trim().toLowerCase() !== label.name || color !== label.color;
  return (
    <tr>
      <td>
        <input
          class="input"
          aria-label={`Name of label ${label.name}`}
          value={name}
          maxLength={50}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </td>
      <td>
        <input
          class="input input-color"
          type="color"
          aria-label={`Colour of label ${label.name}`}
          value={color}
          onInput={(e) => setColor(e.currentTarget.value)}
        />
      </td>
      <td>
        <div class="row-actions">
          <button
            class="btn"
            type="button"
            disabled={!changed}
            onClick={() => void save(`/labels/${label.id}`, 'PATCH', { name, color })}
          >
            Save label {label.name}
          </button>
          <button
            class="btn"
            type="button"
            onClick={() =>
              confirm(`Delete the label "${label.name}"? Conversations lose it.`) &&
              void save(`/labels/${label.id}`, 'DELETE')
            }
          >
            Delete label {label.name}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** Settings → Labels: the team's labels (owners and admins create, rename, recolour, delete). */
export function LabelsSettings() {
  const teamId = currentTeamId.value;
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [color, setColor] = useState('#3b4fd8');
  if (!teamId) return null;
  const save: Save = async (path, method, body) => {
    try {
      await api(path, { method, body });
      setError(null);
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      await loadLabels(teamId);
    }
  };
  const create = async (e: Event) => {
    e.preventDefault();
    if (await save(`/teams/${teamId}/labels`, 'POST', { name, color })) setName('');
  };
  return (
    <section class="card settings-card" aria-labelledby="labels-title">
      <h1 id="labels-title">Labels</h1>
      <p class="ws-muted">Tag conversations (billing, bug, vip…) and filter the inbox by them.</p>
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
      {canManage.value && (
        <form class="inline-form" onSubmit={create}>
          <label class="field">
            New label
            <input
              class="input"
              required
              maxLength={50}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            Colour
            <input
              class="input input-color"
              type="color"
              value={color}
              onInput={(e) => setColor(e.currentTarget.value)}
            />
          </label>
          <button class="btn btn-primary" type="submit">
            Add label
          </button>
        </form>
      )}
      {teamLabels.value.length === 0 ? (
        <p class="ws-muted">No labels yet.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Colour</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {teamLabels.value.map((l) =>
              canManage.value ? (
                <LabelRow key={`${l.id}:${l.name}:${l.color}`} label={l} save={save} />
              ) : (
                <tr key={l.id}>
                  <td>{l.name}</td>
                  <td>
                    <span class="label-swatch" style={{ background: l.color }} aria-hidden="true" /> {l.color}
                  </td>
                  <td />
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
