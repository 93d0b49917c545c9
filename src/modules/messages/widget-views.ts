import type { Conversation } from '../../db/schema';

export interface WidgetConversationView {
  id: string;
  status: Conversation['status'];
  lastSeq: number;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  visitorLastReadSeq: number;
  agentLastReadSeq: number;
  createdAt: string;
}

/** What a visitor may see of a conversation: no assignee, no internal fields. */
export const toWidgetConversation = (c: Conversation): WidgetConversationView => ({
  id: c.id,
  status: c.status,
  lastSeq: c.lastSeq,
  lastMessageAt: c.lastMessageAt.toISOString(),
  lastMessagePreview: c.lastMessagePreview,
  visitorLastReadSeq: c.visitorLastReadSeq,
  agentLastReadSeq: c.agentLastReadSeq,
  createdAt: c.createdAt.toISOString(),
});
