import type { ConversationView } from '../../common/events/views';

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

/** What a visitor may see of a conversation: no assignee, no internal fields. */
export const toWidgetConversation = (c: ConversationView): WidgetConversationView => ({
  id: c.id,
  status: c.status,
  lastSeq: c.lastSeq,
  lastMessageAt: c.lastMessageAt,
  lastMessagePreview: c.lastMessagePreview,
  visitorLastReadSeq: c.visitorLastReadSeq,
  agentLastReadSeq: c.agentLastReadSeq,
  createdAt: c.createdAt,
});
