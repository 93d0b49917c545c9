import { useEffect, useState } from 'preact/hooks';
import type { components } from '@shared/api/schema';
import { authedFetch } from '../auth/session';
import { formErrors } from '../auth/error-messages';

type User = components['schemas']['UserResponseDto'];
type Notifications = User['notifications'];

const KINDS: { key: keyof Notifications; label: string; hint: string }[] = [
  {
    key: 'newConversation',
    label: 'New conversations while nobody is online',
    hint: "Mailed to the conversation's assignee, or else to the team's owners and admins.",
  },
  {
    key: 'webhookDisabled',
    label: 'A webhook endpoint was disabled',
    hint: 'Owners and admins: after three days of failed deliveries.',
  },
];

/** The account's email notification switches (PATCH /api/v1/auth/me), saved on each change. */
export function NotificationSwitches() {
  const [value, setValue] = useState<Notifications | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);

  useEffect(() => {
    authedFetch<User>('/api/v1/auth/me')
      .then(({ data }) => setValue(data.notifications))
      .catch((err: unknown) => setStatus({ text: formErrors(err).form ?? 'Could not load.', error: true }));
  }, []);

  async function toggle(key: keyof Notifications, on: boolean) {
    setStatus(null);
    try {
      const { data } = await authedFetch<User>('/api/v1/auth/me', {
        method: 'PATCH',
        body: { notifications: { [key]: on } },
      });
      setValue(data.notifications);
      setStatus({ text: 'Saved.' });
    } catch (err) {
      setStatus({ text: formErrors(err).form ?? 'Could not save.', error: true });
    }
  }

  return (
    <fieldset class="stack plain-fieldset" aria-describedby="notifications-hint">
      <legend>
        <h2>Email notifications</h2>
      </legend>
      <p id="notifications-hint" class="ws-muted">
        Invitations and password resets are always sent.
      </p>
      {KINDS.map((kind) => (
        <div class="switch-row" key={kind.key}>
          <input
            type="checkbox"
            id={`notify-${kind.key}`}
            checked={value?.[kind.key] ?? false}
            disabled={!value}
            aria-describedby={`notify-${kind.key}-hint`}
            onChange={(e) => void toggle(kind.key, e.currentTarget.checked)}
          />
          <div>
            <label for={`notify-${kind.key}`}>{kind.label}</label>
            <p id={`notify-${kind.key}-hint`} class="field-hint">
              {kind.hint}
            </p>
          </div>
        </div>
      ))}
      {status && (
        <p role="status" class={status.error ? 'form-error' : 'ws-muted'}>
          {status.text}
        </p>
      )}
    </fieldset>
  );
}
