import type { ConversationView, MessageView } from '../../platform/events/views';
import type { Conversation, Message } from '../../db/schema';

const iso = (d: Date | string | null): string | null =>
  d === null ? null : (d instanceof Date ? d : new Date(d)).toISOString();

export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    sender: m.sender,
    authorId: m.authorId,
    body: m.body,
    private: m.private,
    clientMessageId: m.clientMessageId,
    createdAt: iso(m.createdAt)!,
  };
}

export function toConversationView(c: Conversation): ConversationView {
  return {
    id: c.id,
    projectId: c.projectId,
    visitorId: c.visitorId,
    status: c.status,
    assigneeId: c.assigneeId,
    snoozedUntil: iso(c.snoozedUntil),
    lastSeq: c.lastSeq,
    lastPublicSeq: c.lastPublicSeq,
    lastMessageAt: iso(c.lastMessageAt)!,
    lastMessagePreview: c.lastMessagePreview,
    agentLastReadSeq: c.agentLastReadSeq,
    visitorLastReadSeq: c.visitorLastReadSeq,
    createdAt: iso(c.createdAt)!,
    updatedAt: iso(c.updatedAt)!,
  };
}

type Row = Record<string, unknown>;

/** Maps a raw snake_case conversations row (from hand-written SQL) to the Drizzle shape. */
export function conversationFromRow(r: Row): Conversation {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    visitorId: r.visitor_id as string,
    status: r.status as Conversation['status'],
    assigneeId: (r.assignee_id as string | null) ?? null,
    snoozedUntil: r.snoozed_until ? new Date(r.snoozed_until as string) : null,
    lastSeq: Number(r.last_seq),
    lastPublicSeq: Number(r.last_public_seq),
    lastMessageAt: new Date(r.last_message_at as string),
    lastMessagePreview: (r.last_message_preview as string | null) ?? null,
    agentLastReadSeq: Number(r.agent_last_read_seq),
    visitorLastReadSeq: Number(r.visitor_last_read_seq),
    openingClientMessageId: (r.opening_client_message_id as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

/** Maps a raw messages row whose columns carry the `m_` prefix. */
export function messageFromPrefixedRow(r: Row): Message {
  return {
    id: r.m_id as string,
    conversationId: r.m_conversation_id as string,
    seq: Number(r.m_seq),
    sender: r.m_sender as Message['sender'],
    authorId: (r.m_author_id as string | null) ?? null,
    body: r.m_body as string,
    private: Boolean(r.m_private),
    clientMessageId: r.m_client_message_id as string,
    createdAt: new Date(r.m_created_at as string),
  };
}
