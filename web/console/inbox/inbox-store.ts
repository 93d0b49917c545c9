// The inbox: conversations of the current team by last activity, kept live from socket events and
// fetched again after a reconnect (the first page is exact then, whatever was missed).
import { signal } from '@preact/signals';
import { currentUser } from '../auth/session';
import { api, errorText, query } from '../workspace/api';
import { projectIds } from '../workspace/team-data';
import type {
  Conversation,
  ConversationStatus,
  InboxItem,
  Message,
  PageMeta,
  ReadEvent,
} from '../workspace/types';

export interface InboxFilters {
  status: ConversationStatus | 'all';
  assignee: 'me' | 'none' | 'anyone';
  projectId: string;
  /** A label id, or '' for any. */
  label: string;
}

export const filters = signal<InboxFilters>({
  status: 'open',
  assignee: 'anyone',
  projectId: '',
  label: '',
});
export const items = signal<InboxItem[]>([]);
export const inboxState = signal<{ loading: boolean; error: string | null; nextCursor: string | null }>({
  loading: true,
  error: null,
  nextCursor: null,
});

const PAGE = 50;
const byActivity = (a: InboxItem, b: InboxItem) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id);

function matches(c: Conversation): boolean {
  const f = filters.value;
  if (!projectIds.value.has(c.projectId)) return false;
  if (f.projectId && c.projectId !== f.projectId) return false;
  if (f.status !== 'all' && c.status !== f.status) return false;
  if (f.assignee === 'me' && c.assigneeId !== currentUser.value?.id) return false;
  if (f.assignee === 'none' && c.assigneeId !== null) return false;
  // Socket snapshots without labels did not change them: keep what the list has.
  if (f.label && c.labels && !c.labels.some((l) => l.id === f.label)) return false;
  return true;
}

function listQuery(cursor?: string): string {
  const f = filters.value;
  return query({
    status: f.status === 'all' ? undefined : f.status,
    assignee: f.assignee === 'anyone' ? undefined : f.assignee,
    projectId: f.projectId || undefined,
    label: f.label || undefined,
    cursor,
    limit: PAGE,
  });
}

let generation = 0;
// Events that arrive while a page is being fetched are applied again on top of it: the page may
// have been read before them. Applying twice is harmless (seq and updatedAt guards).
let buffered: (() => void)[] | null = null;

/** The first page for the filters as they are now (also the resync after a reconnect). */
export async function loadInbox(): Promise<void> {
  const mine = ++generation;
  inboxState.value = { ...inboxState.value, loading: true, error: null };
  buffered = [];
  try {
    const { data, meta } = await api<InboxItem[], PageMeta>(`/conversations${listQuery()}`);
    if (mine !== generation) return;
    items.value = data.filter(matches).sort(byActivity);
    inboxState.value = { loading: false, error: null, nextCursor: meta?.hasMore ? meta.nextCursor : null };
    const replay = buffered;
    buffered = null;
    for (const apply of replay) apply();
  } catch (err) {
    buffered = null;
    if (mine === generation)
      inboxState.value = { ...inboxState.value, loading: false, error: errorText(err) };
  }
}

export async function loadMoreInbox(): Promise<void> {
  const cursor = inboxState.value.nextCursor;
  if (!cursor) return;
  const mine = generation;
  const { data, meta } = await api<InboxItem[], PageMeta>(`/conversations${listQuery(cursor)}`);
  if (mine !== generation) return;
  const known = new Set(items.value.map((i) => i.id));
  items.value = [...items.value, ...data.filter((i) => !known.has(i.id) && matches(i))].sort(byActivity);
  inboxState.value = { ...inboxState.value, nextCursor: meta?.hasMore ? meta.nextCursor : null };
}

// Conversations being fetched to be inserted, and those that changed again meanwhile.
const fetching = new Set<string>();
const changedWhileFetching = new Set<string>();

async function fetchItem(id: string): Promise<void> {
  if (fetching.has(id)) return void changedWhileFetching.add(id);
  fetching.add(id);
  try {
    const { data } = await api<InboxItem>(`/conversations/${id}`);
    upsert(data);
  } catch {
    /* gone or not ours any more: the next resync settles it */
  } finally {
    fetching.delete(id);
    if (changedWhileFetching.delete(id)) void fetchItem(id);
  }
}

function upsert(item: InboxItem): void {
  const rest = items.value.filter((i) => i.id !== item.id);
  items.value = matches(item) ? [...rest, item].sort(byActivity) : rest;
}

const find = (id: string) => items.value.find((i) => i.id === id);

/** A message event: moves the conversation up; counts it unread once (replays are skipped by seq). */
export function inboxMessage(message: Message, conversation: Conversation): 'new' | 'seen' {
  buffered?.push(() => inboxMessage(message, conversation));
  const item = find(conversation.id);
  if (!item) {
    if (matches(conversation)) void fetchItem(conversation.id);
    return 'new';
  }
  if (message.seq <= item.lastSeq) return 'seen';
  const unread = message.sender === 'visitor' && message.seq > conversation.agentLastReadSeq ? 1 : 0;
  upsert({ ...item, ...conversation, unreadCount: item.unreadCount + unread });
  return 'new';
}

export function inboxConversation(conversation: Conversation): void {
  buffered?.push(() => inboxConversation(conversation));
  const item = find(conversation.id);
  if (item && conversation.updatedAt < item.updatedAt) return;
  if (item) upsert({ ...item, ...conversation });
  else if (matches(conversation)) void fetchItem(conversation.id);
}

export function inboxRead(e: ReadEvent): void {
  buffered?.push(() => inboxRead(e));
  const item = find(e.conversationId);
  if (!item || e.side !== 'agent') return;
  if (e.lastReadSeq >= item.lastSeq) upsert({ ...item, agentLastReadSeq: e.lastReadSeq, unreadCount: 0 });
  else void fetchItem(item.id);
}

export function setFilters(next: Partial<InboxFilters>): void {
  filters.value = { ...filters.value, ...next };
  void loadInbox();
}
