// Routes the /agent socket's events to the stores, and resyncs after a reconnect: the open
// conversation by seq (the server replays from auth.lastSeqs, then `resync.complete`), the inbox and
// presence by fetching them again. Events of the team's other projects are ignored.
import { signal } from '@preact/signals';
import { currentUser } from '../auth/session';
import { onCsatSubmitted } from '../conversation/conversation-rating';
import { openConversation } from '../conversation/conversation-store';
import { inboxConversation, inboxMessage, inboxRead, loadInbox } from '../inbox/inbox-store';
import { AgentSocket } from '../realtime/agent-socket';
import { alertAgent } from './notify';
import { loadTeamData, projectIds, setPresence } from './team-data';
import type { Conversation } from './types';

const ours = (c: Conversation) => projectIds.value.has(c.projectId);
const isOpen = (id: string) => (openConversation.value?.id === id ? openConversation.value : null);

/** The socket of the current team's workspace (for what the views send: typing). */
export const liveSocket = signal<AgentSocket | null>(null);

export function startLive(teamId: string): AgentSocket {
  const socket = new AgentSocket({
    lastSeqs: () => {
      const open = openConversation.value;
      return open && open.log.lastSeq > 0 ? { [open.id]: open.log.lastSeq } : {};
    },
    onReconnect: () => {
      void loadTeamData(teamId).then(loadInbox);
    },
  });
  socket.on('message.created', ({ message, conversation }) => {
    if (!ours(conversation)) return;
    isOpen(conversation.id)?.onMessage(message, conversation);
    const fresh = inboxMessage(message, conversation) === 'new';
    if (fresh && message.sender === 'visitor' && conversation.assigneeId === currentUser.value?.id) {
      alertAgent('New reply', message.body, conversation.id);
    }
  });
  socket.on('conversation.created', ({ conversation }) => {
    if (!ours(conversation)) return;
    inboxConversation(conversation);
    alertAgent('New conversation', conversation.lastMessagePreview ?? '', conversation.id);
  });
  socket.on('conversation.updated', ({ conversation }) => {
    if (!ours(conversation)) return;
    isOpen(conversation.id)?.onConversation(conversation);
    inboxConversation(conversation);
  });
  socket.on('message.read', (e) => {
    isOpen(e.conversationId)?.onRead(e.side, e.lastReadSeq);
    inboxRead(e);
  });
  socket.on('typing', (e) => isOpen(e.conversationId)?.onTyping(e));
  socket.on('presence', ({ projectId, agentIds }) => setPresence(projectId, agentIds));
  socket.on('csat.submitted', ({ rating, conversation }) => ours(conversation) && onCsatSubmitted(rating));
  socket.on('resync.complete', ({ hasMore, snapshots }) => {
    const open = openConversation.value;
    if (!open) return;
    const snapshot = snapshots[open.id];
    if (snapshot) open.onConversation(snapshot);
    if (hasMore[open.id]) void open.catchUp();
  });
  liveSocket.value = socket;
  return socket;
}
