import type { ConversationView } from '../../platform/events/views';

export type WidgetConversationView = Pick<
  ConversationView,
  | 'id'
  | 'status'
  | 'lastSeq'
  | 'lastMessageAt'
  | 'lastMessagePreview'
  | 'visitorLastReadSeq'
  | 'agentLastReadSeq'
  | 'createdAt'
>;

/**
 * What a visitor may see of a conversation: no assignee, no internal fields, and sequences that
 * stop at the last message it can see (internal notes take seqs too, and must not show through).
 */
export const toWidgetConversation = (c: ConversationView): WidgetConversationView => ({
  id: c.id,
  status: c.status,
  lastSeq: c.lastPublicSeq,
  lastMessageAt: c.lastMessageAt,
  lastMessagePreview: c.lastMessagePreview,
  visitorLastReadSeq: c.visitorLastReadSeq,
  agentLastReadSeq: Math.min(c.agentLastReadSeq, c.lastPublicSeq),
  createdAt: c.createdAt,
});
