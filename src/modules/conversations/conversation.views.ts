import { toIso, toIsoOrNull } from '../../platform/dates';
import type { Conversation, ConversationStatus } from '../../db/schema';
import type { LabelChip } from '../labels/label.views';

/** A conversation as the agent API, sockets and outbox consumers show it. */
export interface ConversationView {
  id: string;
  projectId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  snoozedUntil: string | null;
  lastSeq: number;
  /** seq of the last message the visitor can see (internal notes excluded). */
  lastPublicSeq: number;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  agentLastReadSeq: number;
  visitorLastReadSeq: number;
  /** When the first public agent reply landed (reports' first response time). */
  firstAgentReplyAt: string | null;
  /** When and by whom it was last resolved (kept when it reopens). */
  resolvedAt: string | null;
  resolvedById: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The conversation's labels, by name: on every API response, and on socket and outbox events
   * whose `changes` include 'labels'. Absent on other socket events: the labels did not change.
   */
  labels?: LabelChip[];
}

export function toConversationView(c: Conversation): ConversationView;
export function toConversationView(c: Conversation, labels: LabelChip[]): Required<ConversationView>;
export function toConversationView(c: Conversation, labels?: LabelChip[]): ConversationView {
  return {
    id: c.id,
    projectId: c.projectId,
    visitorId: c.visitorId,
    status: c.status,
    assigneeId: c.assigneeId,
    snoozedUntil: toIsoOrNull(c.snoozedUntil),
    lastSeq: c.lastSeq,
    lastPublicSeq: c.lastPublicSeq,
    lastMessageAt: toIso(c.lastMessageAt),
    lastMessagePreview: c.lastMessagePreview,
    agentLastReadSeq: c.agentLastReadSeq,
    visitorLastReadSeq: c.visitorLastReadSeq,
    firstAgentReplyAt: toIsoOrNull(c.firstAgentReplyAt),
    resolvedAt: toIsoOrNull(c.resolvedAt),
    resolvedById: c.resolvedById,
    createdAt: toIso(c.createdAt),
    updatedAt: toIso(c.updatedAt),
    ...(labels && { labels }),
  };
}

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

type Row = Record<string, unknown>;

/**
 * Maps a raw snake_case conversations row (hand-written SQL, or an outbox snapshot made with
 * `to_jsonb`) to the Drizzle shape.
 */
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
    firstAgentReplyAt: r.first_agent_reply_at ? new Date(r.first_agent_reply_at as string) : null,
    firstAgentReplyById: (r.first_agent_reply_by_id as string | null) ?? null,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at as string) : null,
    resolvedById: (r.resolved_by_id as string | null) ?? null,
    offlineNoticeAt: r.offline_notice_at ? new Date(r.offline_notice_at as string) : null,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}
