import { useEffect, useState } from 'preact/hooks';
import { api, errorText, query } from '../workspace/api';
import type { PageMeta, Webhook, WebhookDelivery } from '../workspace/types';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function outcome(a: { statusCode: number | null; error: string | null }): string {
  if (a.statusCode !== null) return String(a.statusCode);
  return a.error ?? '—';
}

/** The delivery log of one endpoint, newest first, every attempt listed, with a Retry per delivery. */
export function WebhookDeliveries({ webhook, refresh }: { webhook: Webhook; refresh: number }) {
  const [items, setItems] = useState<WebhookDelivery[]>([]);
  const [meta, setMeta] = useState<PageMeta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const load = async (cursor?: string) => {
    setError(null);
    try {
      const res = await api<WebhookDelivery[], PageMeta>(
        `/webhooks/${webhook.id}/deliveries${query({ cursor, limit: 20 })}`,
      );
      setItems((old) => (cursor ? [...old, ...res.data] : res.data));
      setMeta(res.meta ?? null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => void load(), [webhook.id, refresh]);

  const retry = async (d: WebhookDelivery) => {
    try {
      await api(`/webhooks/${webhook.id}/deliveries/${d.id}/retry`, { method: 'POST' });
      setStatus(`Delivery of ${d.eventId} queued again`);
      setTimeout(() => void load(), 700);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div class="webhook-log">
      <div class="row">
        <h3 id={`log-${webhook.id}`}>Delivery log</h3>
        <button class="btn" type="button" onClick={() => void load()}>
          Refresh log
        </button>
        <span role="status" class="ws-muted">
          {status}
        </span>
      </div>
      {items.length === 0 ? (
        <p class="ws-muted">No deliveries yet.</p>
      ) : (
        <table class="table" aria-labelledby={`log-${webhook.id}`}>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Next retry</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.type}</code>
                  <div class="ws-muted">{when(d.createdAt)}</div>
                </td>
                <td>
                  <span class={`delivery-status delivery-${d.status}`}>{d.status}</span>
                </td>
                <td>
                  <ol class="attempt-list">
                    {d.attemptLog.map((a) => (
                      <li key={a.attempt}>
                        {outcome(a)} · {a.durationMs} ms
                      </li>
                    ))}
                  </ol>
                </td>
                <td>{when(d.nextAttemptAt)}</td>
                <td>
                  <button
                    class="btn"
                    type="button"
                    aria-label={`Retry ${d.type} ${d.eventId}`}
                    onClick={() => void retry(d)}
                  >
                    Retry
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {meta?.hasMore && meta.nextCursor && (
        <button class="btn" type="button" onClick={() => void load(meta.nextCursor!)}>
          Older deliveries
        </button>
      )}
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
    </div>
  );
}
