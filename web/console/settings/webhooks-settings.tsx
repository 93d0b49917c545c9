import { useEffect, useState } from 'preact/hooks';
import { api, errorText } from '../workspace/api';
import type { Project, Webhook } from '../workspace/types';
import { CopyButton } from './copy-button';
import { WebhookDeliveries } from './webhook-deliveries';
import './webhooks.css';

const EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'visitor.created',
  'visitor.updated',
] as const;

/** A secret shown once, right after create or rotate. */
function RevealedSecret({ secret }: { secret: string }) {
  return (
    <div class="secret" role="status">
      <p>Copy the signing secret now: it is shown only once.</p>
      <code>{secret}</code> <CopyButton text={secret} label="Copy signing secret" />
    </div>
  );
}

function CreateWebhook({ project, onCreated }: { project: Project; onCreated: (w: Webhook) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [includePrivate, setIncludePrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = (type: string, on: boolean) =>
    setEvents((old) => (on ? [...old, type] : old.filter((t) => t !== type)));
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const { data } = await api<Webhook>(`/projects/${project.id}/webhooks`, {
        method: 'POST',
        body: { url: url.trim(), includePrivate, ...(events.length ? { events } : {}) },
      });
      setUrl('');
      setEvents([]);
      onCreated(data);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="settings-card" onSubmit={submit} aria-labelledby="new-webhook-title">
      <h3 id="new-webhook-title">Add an endpoint</h3>
      <label class="field">
        Endpoint URL
        <input
          class="input"
          type="url"
          required
          placeholder="https://example.com/hooks/spectre"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <fieldset class="webhook-events">
        <legend>Events (none ticked: all, including ones added later)</legend>
        {EVENT_TYPES.map((type) => (
          <label class="check" key={type}>
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(e) => toggle(type, e.currentTarget.checked)}
            />
            <code>{type}</code>
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          checked={includePrivate}
          onChange={(e) => setIncludePrivate(e.currentTarget.checked)}
        />
        Include internal notes
      </label>
      <div class="row">
        <button class="btn btn-primary" type="submit">
          Add webhook
        </button>
      </div>
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
    </form>
  );
}

function WebhookItem(props: { webhook: Webhook; onChange: (w: Webhook | null) => void }) {
  const { webhook, onChange } = props;
  const [secret, setSecret] = useState(webhook.secret);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const act = async (path: string, method: string, body?: unknown): Promise<Webhook | undefined> => {
    setError(null);
    try {
      return (await api<Webhook>(`/webhooks/${webhook.id}${path}`, { method, body })).data;
    } catch (err) {
      setError(errorText(err));
      return undefined;
    }
  };
  const rotate = async () => {
    const data = await act('/rotate-secret', 'POST');
    if (!data) return;
    const { secret: fresh, ...rest } = data;
    setSecret(fresh);
    onChange(rest);
  };
  const test = async () => {
    if (await act('/test', 'POST')) {
      setStatus('Test event sent');
      setTimeout(() => setRefresh((n) => n + 1), 700);
    }
  };
  const toggle = async () => {
    const data = await act('', 'PATCH', { enabled: !webhook.enabled });
    if (data) onChange(data);
  };
  const remove = async () => {
    if (!confirm(`Delete the webhook to ${webhook.url} and its delivery log?`)) return;
    setError(null);
    try {
      await api(`/webhooks/${webhook.id}`, { method: 'DELETE' });
      onChange(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const disabledWhy =
    webhook.disabledReason === 'gone'
      ? 'turned off: the endpoint answered 410 Gone'
      : webhook.disabledReason === 'failing'
        ? 'turned off: failing for 3 days'
        : 'off';
  return (
    <li class="card settings-card webhook-item" aria-label={`Webhook ${webhook.url}`}>
      <div class="row">
        <code class="webhook-url">{webhook.url}</code>
        <span class={webhook.enabled ? 'webhook-on' : 'webhook-off'}>
          {webhook.enabled ? 'on' : disabledWhy}
        </span>
      </div>
      <p class="ws-muted">
        Events: {webhook.events.join(', ')}
        {webhook.includePrivate ? ' · with internal notes' : ''}
        {webhook.previousSecretExpiresAt
          ? ` · previous secret also signs until ${new Date(webhook.previousSecretExpiresAt).toLocaleString()}`
          : ''}
      </p>
      {secret && <RevealedSecret secret={secret} />}
      <div class="row">
        <button class="btn" type="button" onClick={() => void test()}>
          Send test event
        </button>
        <button class="btn" type="button" onClick={() => void rotate()}>
          Rotate secret
        </button>
        <button class="btn" type="button" onClick={() => void toggle()}>
          {webhook.enabled ? 'Disable' : 'Enable'}
        </button>
        <button class="btn btn-danger" type="button" onClick={() => void remove()}>
          Delete
        </button>
        <span role="status" class="ws-muted">
          {status}
        </span>
      </div>
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
      <WebhookDeliveries webhook={webhook} refresh={refresh} />
    </li>
  );
}

/** A project's webhook endpoints: add, test, rotate, turn on/off, delete, and each one's delivery log. */
export function WebhooksSettings({ project }: { project: Project }) {
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Webhook[]>(`/projects/${project.id}/webhooks`).then(
      (res) => setHooks(res.data),
      (err: unknown) => setError(errorText(err)),
    );
  }, [project.id]);
  // A secret stays in its item's state only: shown once, gone on reload.
  const replace = (id: string, next: Webhook | null) =>
    setHooks((old) => (next ? old.map((w) => (w.id === id ? next : w)) : old.filter((w) => w.id !== id)));
  return (
    <section class="card settings-card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p class="ws-muted">
        Spectre POSTs signed JSON events to these URLs, retrying failures for more than a day.
      </p>
      {hooks.length > 0 && (
        <ul class="webhook-list">
          {hooks.map((w) => (
            <WebhookItem key={w.id} webhook={w} onChange={(next) => replace(w.id, next)} />
          ))}
        </ul>
      )}
      <CreateWebhook project={project} onCreated={(w) => setHooks((old) => [...old, w])} />
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
    </section>
  );
}
