import { useEffect, useState } from 'preact/hooks';
import { currentTeamId, currentUser } from '../auth/session';
import { api, errorText } from '../workspace/api';
import { loadTeamData, members, myRole } from '../workspace/team-data';
import type { Invitation, Role } from '../workspace/types';
import { CopyButton } from './copy-button';

/** Where an invitee accepts (the console's invitation screen, given the one-time token). */
export const invitationLink = (token: string) => `${location.origin}/app/invite/${encodeURIComponent(token)}`;

const ROLES: Role[] = ['agent', 'admin', 'owner'];

function Members({ teamId, onError }: { teamId: string; onError: (e: string | null) => void }) {
  const owner = myRole.value === 'owner';
  const act = async (path: string, method: 'PATCH' | 'DELETE', body?: unknown) => {
    try {
      await api(`/teams/${teamId}/members/${path}`, { method, body });
      onError(null);
    } catch (err) {
      onError(errorText(err));
    }
    await loadTeamData(teamId);
  };
  return (
    <section class="card settings-card" aria-labelledby="members-title">
      <h1 id="members-title">Team members</h1>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.value.map((m) => (
            <tr key={m.userId}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>
                <select
                  class="input"
                  aria-label={`Role of ${m.name}`}
                  value={m.role}
                  disabled={!owner && m.role === 'owner'}
                  onChange={(e) => void act(m.userId, 'PATCH', { role: e.currentTarget.value })}
                >
                  {ROLES.filter((r) => owner || r !== 'owner' || m.role === 'owner').map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {m.userId !== currentUser.value?.id && (
                  <button
                    class="btn"
                    type="button"
                    onClick={() => confirm(`Remove ${m.name} from the team?`) && void act(m.userId, 'DELETE')}
                  >
                    Remove {m.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Invitations({ teamId, onError }: { teamId: string; onError: (e: string | null) => void }) {
  const [pending, setPending] = useState<Invitation[]>([]);
  const [created, setCreated] = useState<Invitation | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const reload = () =>
    api<Invitation[]>(`/teams/${teamId}/invitations`).then(
      ({ data }) => setPending(data),
      (err) => onError(errorText(err)),
    );
  useEffect(() => void reload(), [teamId]);
  const invite = async (e: Event) => {
    e.preventDefault();
    try {
      const { data } = await api<Invitation>(`/teams/${teamId}/invitations`, {
        method: 'POST',
        body: { email, role },
      });
      setCreated(data);
      setEmail('');
      onError(null);
    } catch (err) {
      onError(errorText(err));
    }
    await reload();
  };
  const revoke = async (id: string) => {
    await api(`/teams/${teamId}/invitations/${id}`, { method: 'DELETE' }).catch((err) =>
      onError(errorText(err)),
    );
    if (created?.id === id) setCreated(null);
    await reload();
  };
  return (
    <section class="card settings-card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <form class="inline-form" onSubmit={invite}>
        <label class="field">
          Email to invite
          <input
            class="input"
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          Role
          <select class="input" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.filter((r) => myRole.value === 'owner' || r !== 'owner').map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button class="btn btn-primary" type="submit">
          Invite
        </button>
      </form>
      {created?.token && (
        <div class="secret" role="status">
          <p>Send this link to {created.email} (shown only now; it works once, for 7 days):</p>
          <code>{invitationLink(created.token)}</code>{' '}
          <CopyButton text={invitationLink(created.token)} label="Copy link" />
        </div>
      )}
      {pending.length === 0 ? (
        <p class="ws-muted">No pending invitations.</p>
      ) : (
        <ul class="settings-list">
          {pending.map((i) => (
            <li key={i.id}>
              {i.email} · {i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}{' '}
              <button class="btn" type="button" onClick={() => void revoke(i.id)}>
                Revoke invitation to {i.email}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TeamSettings() {
  const teamId = currentTeamId.value;
  const [error, setError] = useState<string | null>(null);
  if (!teamId) return null;
  return (
    <div class="settings-stack">
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
      <Members teamId={teamId} onError={setError} />
      <Invitations teamId={teamId} onError={setError} />
    </div>
  );
}
