// The chat's state and its sync with the server: REST for history and sends, the socket for live
// events and the resync by seq. Views read the signals; nothing else writes them.
import { batch, computed, signal } from '@preact/signals';
import { ApiError } from '@shared/api/client';
import { ConversationLogs } from '@shared/realtime/conversation-log';
import { connectRealtime, type RealtimeConnection } from '@shared/realtime/socket';
import type { WidgetHost } from '../host';
import { chime, describeProblem, problemOf, type Problem } from './problems';
import { historyPages, type Source } from './history';
import { Outbox } from './outbox';
import {
  isVisitorChanged,
  widgetApi,
  type VisitorProfile,
  type WidgetConfig,
  type WidgetConversation,
  type WidgetMessage,
} from './widget-api';

export type Chat = ReturnType<typeof createChat>;

/** Send failures the outbox retries by itself (or on reconnect) without a word to the visitor. */
const RETRIED_QUIETLY = new Set(['NETWORK_ERROR', 'SERVICE_UNAVAILABLE']);

/** The resync hint is acted on after a random wait up to this long. */
const HINT_JITTER_MS = 3000;

export function createChat(host: WidgetHost) {
  const { t, storage } = host;
  const api = widgetApi(host.base, host.projectKey, storage);
  const logs = new ConversationLogs<WidgetMessage>();
  const config = signal<WidgetConfig | null>(null);
  const problem = signal<Problem | null>(null);
  const online = signal(false);
  const connected = signal(true);
  const conversations = signal<WidgetConversation[]>([]);
  const currentId = signal<string | null>(storage.read().conversationId ?? null);
  const version = signal(0);
  const agentTyping = signal(false);
  const hasEarlier = signal<Record<string, boolean>>({});
  const unread = signal<Record<string, number>>({});
  const view = signal<'chat' | 'list'>('chat');
  let profile: VisitorProfile = {};
  let rt: RealtimeConnection | undefined;
  let handshakeSeqs: Record<string, number> = {};
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let hintTimer: ReturnType<typeof setTimeout> | undefined;
  let typingSentAt = 0;

  const messages = computed(() => {
    void version.value;
    return currentId.value ? logs.of(currentId.value).items : [];
  });
  const current = computed(() => conversations.value.find((c) => c.id === currentId.value));
  const totalUnread = computed(() => Object.values(unread.value).reduce((a, b) => a + b, 0));
  totalUnread.subscribe((n) => host.setUnread(n));

  const report = (err: unknown) => void (!isVisitorChanged(err) && (problem.value = problemOf(t, err)));
  const setUnread = (id: string, n: number) => (unread.value = { ...unread.value, [id]: n });

  function upsertConversation(c: WidgetConversation): void {
    const rest = conversations.value.filter((x) => x.id !== c.id);
    const old = conversations.value.find((x) => x.id === c.id);
    conversations.value = [{ ...old, ...c }, ...rest].sort((a, b) =>
      b.lastMessageAt.localeCompare(a.lastMessageAt),
    );
  }

  function setCurrent(id: string | null): void {
    currentId.value = id;
    storage.write({ ...storage.read(), conversationId: id ?? undefined });
  }

  function markRead(id: string): void {
    if (!unread.value[id] && !(id === currentId.value && host.isOpen())) return;
    setUnread(id, 0);
    // Read up to what is shown, not "everything": a reply still on its way stays unread.
    const seq = logs.of(id).newestSeq();
    if (seq > 0) rt?.socket.emit('read', { conversationId: id, seq }, () => undefined);
  }

  /** Adds messages to their conversation's log, and moves its checkpoint as far as the source allows. */
  function apply(
    id: string,
    list: WidgetMessage[],
    source: Source = {},
    conversation?: WidgetConversation,
  ): void {
    const { arriving = true, contiguousTo } = source;
    const fresh = list.filter((m) => !logs.of(id).items.some((x) => x.seq === m.seq));
    if (!logs.of(id).apply(list, contiguousTo)) return;
    batch(() => {
      outbox.settled(list.map((m) => m.clientMessageId));
      version.value++;
      if (conversation) upsertConversation(conversation);
    });
    const replies = fresh.filter((m) => m.sender !== 'visitor');
    if (replies.length === 0 || !arriving) return;
    agentTyping.value = false;
    const watching = host.isOpen() && currentId.value === id && !document.hidden;
    if (watching) markRead(id);
    else setUnread(id, (unread.value[id] ?? 0) + replies.length);
    if (!host.isOpen() && host.sound) chime();
    for (const m of replies) host.emit('message', { conversationId: id, body: m.body, author: m.author });
  }

  const history = historyPages(api, logs, apply);
  const catchUp = history.catchUp;
  const setHasEarlier = (id: string, more: boolean) =>
    (hasEarlier.value = { ...hasEarlier.value, [id]: more });
  const loadLatest = async (id: string) => setHasEarlier(id, await history.latest(id));

  async function resyncAll(): Promise<void> {
    for (const c of await api.conversations()) upsertConversation(c);
    const held = new Set(Object.keys(logs.lastSeqs()));
    if (currentId.value) held.add(currentId.value);
    await Promise.all([...held].map(catchUp));
  }

  async function ensureToken(): Promise<void> {
    if (storage.read().token) return;
    const session = await api.session(Object.keys(profile).length ? profile : undefined);
    storage.write({ ...storage.read(), token: session.visitorToken });
    rt?.restart();
  }

  const outbox = new Outbox({
    deliver: async (item) => {
      await ensureToken();
      const result = await api.send(
        item.body,
        item.clientMessageId,
        item.conversationId ?? currentId.value ?? undefined,
        item.attachmentIds,
      );
      storage.write({ ...storage.read(), token: result.visitorToken });
      if (!currentId.value) setCurrent(result.conversation.id);
      apply(result.conversation.id, [result.message], {}, result.conversation);
      // A reply (e.g. the offline notice) can arrive on the socket before this answer made the
      // conversation current: it was counted unread although the visitor is looking at it.
      if (host.isOpen() && currentId.value === result.conversation.id) markRead(result.conversation.id);
      problem.value = null;
    },
    // Offline is shown by the connection state; these are retried by themselves or on reconnect.
    failed: (err) => void (!(err instanceof ApiError && RETRIED_QUIETLY.has(err.code)) && report(err)),
  });

  function connect(): void {
    rt = connectRealtime({
      base: host.base,
      namespace: 'widget',
      auth: () => {
        handshakeSeqs = logs.lastSeqs();
        return { projectKey: host.projectKey, visitorToken: storage.read().token, lastSeqs: handshakeSeqs };
      },
    });
    const { socket } = rt;
    socket.on('connect', () => {
      connected.value = true;
      // A conversation opened while this handshake was on its way was not in its lastSeqs: the
      // server replayed nothing for it, so read what it may have missed before joining the room.
      for (const id of Object.keys(logs.lastSeqs()))
        if (!(id in handshakeSeqs)) void catchUp(id).catch(report);
      if (problem.value?.fatal) problem.value = null;
      outbox.retryFailed();
    });
    socket.on('disconnect', () => (connected.value = false));
    socket.on('connect_error', (err: Error & { data?: { code?: string; retryAfterMs?: number } }) => {
      connected.value = false;
      const code = err.data?.code;
      if (code === 'VISITOR_TOKEN_INVALID') {
        storage.forget();
        return rt?.restart();
      }
      if (!code) return;
      problem.value = describeProblem(t, code, err.message, err.data?.retryAfterMs);
      if (problem.value.fatal) socket.disconnect();
    });
    socket.on('message.created', (p: { message: WidgetMessage; conversation: WidgetConversation }) =>
      apply(p.message.conversationId, [p.message], {}, p.conversation),
    );
    socket.on('conversation.created', (p: { conversation: WidgetConversation }) =>
      upsertConversation(p.conversation),
    );
    socket.on('conversation.updated', (p: { conversation: WidgetConversation }) =>
      upsertConversation(p.conversation),
    );
    socket.on('typing', (p: { conversationId: string; side: string; isTyping: boolean }) => {
      if (p.side === 'agent' && p.conversationId === currentId.value) agentTyping.value = p.isTyping;
    });
    socket.on('message.read', (p: { conversationId: string; side: string; lastReadSeq: number }) => {
      const c = conversations.value.find((x) => x.id === p.conversationId);
      if (c && p.side === 'agent') upsertConversation({ ...c, agentLastReadSeq: p.lastReadSeq });
    });
    socket.on(
      'presence',
      (p: { online: boolean }) => (online.value = p.online && config.value?.withinHours !== false),
    );
    socket.on(
      'resync.complete',
      (p: {
        conversations: Record<string, number>;
        hasMore: Record<string, boolean>;
        snapshots: Record<string, WidgetConversation>;
      }) => {
        // The replay sent every message after the seq it was asked for, up to this one.
        for (const [id, seq] of Object.entries(p.conversations)) apply(id, [], { contiguousTo: seq });
        for (const c of Object.values(p.snapshots)) upsertConversation(c);
        for (const [id, more] of Object.entries(p.hasMore)) if (more) void catchUp(id).catch(report);
      },
    );
    // The node may have missed events while its link to the other nodes was down: refetch the list and
    // catch up every conversation held (docs/realtime-delivery.md, "The resync hint").
    // Every socket of that node gets the hint at once: spread their catch-ups over a few seconds.
    socket.on('resync', () => {
      hintTimer ??= setTimeout(() => {
        hintTimer = undefined;
        void resyncAll().catch(report);
      }, Math.random() * HINT_JITTER_MS);
    });
    socket.on('session.expired', () => rt?.restart());
    socket.on('server.shutdown', () => undefined);
  }

  async function loadVisitor(): Promise<void> {
    if (!storage.read().token) return;
    const list = await api.conversations();
    conversations.value = list;
    unread.value = Object.fromEntries(list.map((c) => [c.id, c.unreadCount ?? 0]));
    if (currentId.value && !list.some((c) => c.id === currentId.value)) setCurrent(list[0]?.id ?? null);
    if (!currentId.value && list[0] && list[0].status !== 'resolved') setCurrent(list[0].id);
    if (currentId.value) await loadLatest(currentId.value);
  }

  async function start(): Promise<void> {
    try {
      config.value = await api.config();
      online.value = config.value.online;
      host.setColor(config.value.color);
      await loadVisitor();
    } catch (err) {
      report(err);
    }
    connect();
  }

  /** A new token for another visitor (identify): everything held belongs to the old one. */
  async function switchVisitor(token: string): Promise<void> {
    const before = storage.read().token;
    if (before !== token) api.forgetVisitor();
    storage.write({ token });
    if (before === token) return;
    logs.clear();
    outbox.clear();
    batch(() => {
      conversations.value = [];
      unread.value = {};
      currentId.value = null;
      version.value++;
    });
    await loadVisitor();
    rt?.restart();
  }

  return {
    t,
    api,
    config,
    problem,
    online,
    connected,
    conversations,
    currentId,
    current,
    messages,
    pending: outbox.items,
    agentTyping,
    hasEarlier,
    unread,
    view,
    start,
    send(body: string, attachmentIds?: string[]) {
      const text = body.trim();
      if ((!text && !attachmentIds?.length) || problem.value?.fatal) return;
      this.typing(false);
      outbox.add(text, currentId.value, attachmentIds);
    },
    base: host.base,
    retry: (clientMessageId: string) => outbox.retry(clientMessageId),
    typing(isTyping: boolean) {
      const id = currentId.value;
      clearTimeout(typingTimer);
      if (isTyping) typingTimer = setTimeout(() => this.typing(false), 4000);
      if (!id || !rt?.socket.connected) return;
      const now = Date.now();
      if (isTyping && now - typingSentAt < 2000) return;
      typingSentAt = isTyping ? now : 0;
      rt.socket.emit('typing', { conversationId: id, isTyping });
    },
    opened() {
      if (currentId.value) markRead(currentId.value);
    },
    async loadEarlier() {
      const id = currentId.value;
      const oldest = id && logs.of(id).oldestSeq();
      if (!id || !oldest) return;
      await history.earlier(id, oldest).then((more) => setHasEarlier(id, more), report);
    },
    async openConversation(id: string) {
      setCurrent(id);
      view.value = 'chat';
      if (logs.of(id).items.length === 0) await loadLatest(id).catch(report);
      markRead(id);
    },
    newConversation() {
      setCurrent(null);
      view.value = 'chat';
    },
    async identify(next: VisitorProfile) {
      profile = { ...profile, ...next };
      try {
        const session = await api.session(profile);
        await switchVisitor(session.visitorToken);
      } catch (err) {
        // A refused identity must not block the chat: go on as the anonymous visitor.
        profile = { ...profile, externalId: undefined, userHash: undefined };
        problemOf(t, err);
      }
    },
    async update(next: VisitorProfile) {
      profile = { ...profile, metadata: { ...profile.metadata, ...next.metadata } };
      if (!storage.read().token) return;
      await api.session({ metadata: next.metadata }).catch((err) => problemOf(t, err));
    },
    shutdown() {
      clearTimeout(hintTimer);
      api.forgetVisitor();
      rt?.close();
      outbox.clear();
    },
  };
}
