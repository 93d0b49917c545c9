import { conversationPath, linkClick } from '../workspace/router';
import { memberName, projectName, projects } from '../workspace/team-data';
import { LabelChips } from '../labels/label-chips';
import { LabelFilter } from '../labels/label-filter';
import type { InboxItem } from '../workspace/types';
import { filters, inboxState, items, loadMoreInbox, setFilters, type InboxFilters } from './inbox-store';

const STATUSES: InboxFilters['status'][] = ['open', 'pending', 'snoozed', 'resolved', 'all'];

function Filters() {
  const f = filters.value;
  return (
    <div class="inbox-filters">
      <label class="field">
        Status
        <select
          class="input"
          value={f.status}
          onChange={(e) => setFilters({ status: e.currentTarget.value as InboxFilters['status'] })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'All' : s[0].toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        Assignee
        <select
          class="input"
          value={f.assignee}
          onChange={(e) => setFilters({ assignee: e.currentTarget.value as InboxFilters['assignee'] })}
        >
          <option value="anyone">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
        </select>
      </label>
      <label class="field">
        Project
        <select
          class="input"
          value={f.projectId}
          onChange={(e) => setFilters({ projectId: e.currentTarget.value })}
        >
          <option value="">All projects</option>
          {projects.value.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <LabelFilter />
    </div>
  );
}

const time = (iso: string) => {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
};

export const visitorLabel = (v: { name: string | null; email: string | null }) =>
  v.name ?? v.email ?? 'Visitor';

function Row({ item, selected }: { item: InboxItem; selected: boolean }) {
  const multiProject = projects.value.length > 1;
  return (
    <li>
      <a
        class={`inbox-row${selected ? ' selected' : ''}${item.unreadCount > 0 ? ' unread' : ''}`}
        href={conversationPath(item.id)}
        onClick={linkClick}
        aria-current={selected ? 'true' : undefined}
        data-conversation-id={item.id}
      >
        <span class="inbox-row-top">
          <span class="inbox-name">{visitorLabel(item.visitor)}</span>
          <time dateTime={item.lastMessageAt}>{time(item.lastMessageAt)}</time>
        </span>
        <span class="inbox-preview">{item.lastMessagePreview ?? ''}</span>
        <LabelChips labels={item.labels} />
        <span class="inbox-row-meta">
          <span class={`badge status-${item.status}`}>{item.status}</span>
          <span class="ws-muted">{memberName(item.assigneeId)}</span>
          {multiProject && <span class="ws-muted">{projectName(item.projectId)}</span>}
          {item.unreadCount > 0 && (
            <span class="unread-count" aria-label={`${item.unreadCount} unread`}>
              {item.unreadCount}
            </span>
          )}
        </span>
      </a>
    </li>
  );
}

export function InboxList({ selectedId }: { selectedId: string | null }) {
  const state = inboxState.value;
  return (
    <section class="inbox" aria-label="Inbox">
      <h1 class="visually-hidden">Inbox</h1>
      <Filters />
      {state.error && (
        <p role="alert" class="ws-error">
          {state.error}
        </p>
      )}
      <ul class="inbox-list" aria-label="Conversations" aria-busy={state.loading}>
        {items.value.map((item) => (
          <Row key={item.id} item={item} selected={item.id === selectedId} />
        ))}
      </ul>
      {!state.loading && items.value.length === 0 && <p class="ws-empty">No conversations here.</p>}
      {state.nextCursor && (
        <button class="btn inbox-more" type="button" onClick={() => void loadMoreInbox()}>
          Load more
        </button>
      )}
    </section>
  );
}
