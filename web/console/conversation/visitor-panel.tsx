import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../workspace/api';
import type { Conversation, ConversationDetail } from '../workspace/types';
import { VisitorConversations } from './visitor-conversations';

/** The visitor's other conversations (their latest 100). */
function useOtherConversations(detail: ConversationDetail): Conversation[] {
  const [others, setOthers] = useState<Conversation[]>([]);
  useEffect(() => {
    let live = true;
    api<Conversation[]>(`/visitors/${detail.visitorId}/conversations?limit=100`)
      .then(({ data }) => live && setOthers(data.filter((c) => c.id !== detail.id)))
      .catch(() => undefined);
    return () => void (live = false);
  }, [detail.id, detail.visitorId]);
  return others;
}

export function VisitorPanel({
  detail,
  open,
  onClose,
}: {
  detail: ConversationDetail;
  open: boolean;
  /** Closes the drawer it becomes on narrow screens (where it covers its own toggle). */
  onClose: () => void;
}) {
  const v = detail.visitor;
  const others = useOtherConversations(detail);
  const metadata = Object.entries(v.metadata);
  return (
    <aside class={`visitor-panel${open ? ' open' : ''}`} aria-label="Visitor">
      <div class="visitor-panel-head">
        <h2>Visitor</h2>
        <button class="btn only-narrow" type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <dl class="visitor-facts">
        <dt>Name</dt>
        <dd>{v.name ?? '—'}</dd>
        <dt>Email</dt>
        <dd>{v.email ?? '—'}</dd>
        <dt>Identity</dt>
        <dd>
          {v.verified ? (
            <span class="badge badge-ok">Verified{v.externalId ? ` · ${v.externalId}` : ''}</span>
          ) : (
            <span class="badge badge-plain">Not verified</span>
          )}
        </dd>
        <dt>Last seen</dt>
        <dd>
          <time dateTime={v.lastSeenAt}>{new Date(v.lastSeenAt).toLocaleString()}</time>
        </dd>
        {metadata.map(([k, value]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{String(value)}</dd>
          </Fragment>
        ))}
      </dl>
      <h3>Other conversations</h3>
      <VisitorConversations conversations={others} />
    </aside>
  );
}
