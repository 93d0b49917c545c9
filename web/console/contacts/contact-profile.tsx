// One visitor on the contacts page: profile, conversations, block/unblock, export and erase (admins).
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorText } from '../workspace/api';
import { navigate } from '../workspace/router';
import { canManage } from '../workspace/team-data';
import type { Conversation, VisitorExport, VisitorRecord } from '../workspace/types';
import { VisitorConversations } from '../conversation/visitor-conversations';
import { CONTACTS_PATH } from './contacts-route';

function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function EraseDialog({ who, onCancel, onErase }: { who: string; onCancel: () => void; onErase: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div class="overlay" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div
        class="card help"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="erase-title"
        aria-describedby="erase-text"
      >
        <h2 id="erase-title">Erase {who}?</h2>
        <p id="erase-text">
          This deletes the visitor with all their conversations and messages, for good. It cannot be undone.
        </p>
        <div class="contact-actions">
          <button ref={cancel} class="btn" type="button" onClick={onCancel}>
            Cancel
          </button>
          <button class="btn btn-danger" type="button" onClick={onErase}>
            Erase visitor
          </button>
        </div>
      </div>
    </div>
  );
}

export function ContactProfile({
  id,
  onChanged,
}: {
  id: string;
  onChanged: (v: VisitorRecord | null) => void;
}) {
  const [visitor, setVisitor] = useState<VisitorRecord | null>(null);
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [resolveOpen, setResolveOpen] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    setVisitor(null);
    Promise.all([
      api<VisitorRecord>(`/visitors/${id}`),
      api<Conversation[]>(`/visitors/${id}/conversations?limit=20`),
    ])
      .then(([v, c]) => {
        if (!live) return;
        setVisitor(v.data);
        setConversations(c.data);
      })
      .catch((err) => live && setError(errorText(err)));
    return () => void (live = false);
  }, [id]);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const setBlocked = (blocked: boolean) =>
    run(async () => {
      const body = blocked ? { blocked, resolveOpen } : { blocked };
      const { data } = await api<VisitorRecord & { resolvedConversationIds: string[] }>(`/visitors/${id}`, {
        method: 'PATCH',
        body,
      });
      const { resolvedConversationIds, ...next } = data;
      setVisitor(next);
      onChanged(next);
      const resolved = new Set(resolvedConversationIds);
      setConversations((list) => list.map((c) => (resolved.has(c.id) ? { ...c, status: 'resolved' } : c)));
      setStatus(
        blocked
          ? `Blocked${resolved.size ? `; ${resolved.size} conversation(s) resolved` : ''}.`
          : 'Unblocked.',
      );
    });
  const exportJson = () =>
    run(async () => {
      const { data } = await api<VisitorExport>(`/visitors/${id}/export`);
      download(`visitor-${id}.json`, data);
      setStatus('Export downloaded.');
    });
  const erase = () =>
    run(async () => {
      setConfirming(false);
      await api(`/visitors/${id}`, { method: 'DELETE' });
      onChanged(null);
      navigate(CONTACTS_PATH);
    });

  if (error && !visitor) return <p class="form-error">{error}</p>;
  if (!visitor) return <p class="ws-muted">Loading…</p>;
  const who = visitor.name ?? visitor.email ?? 'this visitor';
  const metadata = Object.entries(visitor.metadata);
  return (
    <section class="contact-profile" aria-labelledby="contact-title">
      <h2 id="contact-title">
        {visitor.name ?? visitor.email ?? 'Anonymous visitor'}{' '}
        {visitor.blocked && <span class="badge badge-blocked">Blocked</span>}
      </h2>
      <dl class="visitor-facts">
        <dt>Email</dt>
        <dd>{visitor.email ?? '—'}</dd>
        <dt>Identity</dt>
        <dd>
          {visitor.verified ? `Verified · ${visitor.externalId}` : (visitor.externalId ?? 'Not verified')}
        </dd>
        <dt>Last seen</dt>
        <dd>
          <time dateTime={visitor.lastSeenAt}>{new Date(visitor.lastSeenAt).toLocaleString()}</time>
        </dd>
        {metadata.map(([k, value]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{String(value)}</dd>
          </Fragment>
        ))}
      </dl>
      <div class="contact-actions">
        {visitor.blocked ? (
          <button class="btn" type="button" onClick={() => void setBlocked(false)}>
            Unblock
          </button>
        ) : (
          <>
            <button class="btn btn-danger" type="button" onClick={() => void setBlocked(true)}>
              Block
            </button>
            <label class="contact-check">
              <input
                type="checkbox"
                checked={resolveOpen}
                onChange={(e) => setResolveOpen(e.currentTarget.checked)}
              />
              also resolve their open conversations
            </label>
          </>
        )}
        {canManage.value && (
          <>
            <button class="btn" type="button" onClick={() => void exportJson()}>
              Export (JSON)
            </button>
            <button class="btn btn-danger" type="button" onClick={() => setConfirming(true)}>
              Erase…
            </button>
          </>
        )}
      </div>
      <p class="ws-muted" role="status">
        {status}
      </p>
      {error && <p class="form-error">{error}</p>}
      <h3>Conversations</h3>
      <VisitorConversations conversations={conversations} />
      {confirming && (
        <EraseDialog who={who} onCancel={() => setConfirming(false)} onErase={() => void erase()} />
      )}
    </section>
  );
}
