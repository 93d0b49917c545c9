import { createHash } from 'node:crypto';
import { toConversationView, conversationFromRow } from '../conversations/conversation.views';
import { messageFromRow, toMessageView } from '../messages/message.views';
import { toVisitorProfile, visitorFromRow } from '../visitors/visitor.views';
import type { LabelChip } from '../labels/label.views';

/**
 * Outbox event types a webhook can subscribe to ('*' is all of them, and any added later). Other
 * outbox types (message.read, webhook.disabled, …) are not sent. `ping` is sent only by the test route.
 */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'visitor.created',
  'visitor.updated',
  'csat.submitted',
] as const;
export const ALL_EVENTS = '*';

const deliverable = new Set<string>(WEBHOOK_EVENT_TYPES);
export const isDeliverable = (type: string): boolean => deliverable.has(type);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The project an outbox payload belongs to, from whichever snapshot or field it carries. */
export function projectIdOf(payload: Json): string | undefined {
  for (const key of ['conversation', 'visitor'] as const) {
    const row = payload[key];
    if (isObject(row) && typeof row.project_id === 'string') return row.project_id;
  }
  const direct = payload.projectId ?? payload.project_id;
  return typeof direct === 'string' ? direct : undefined;
}

/** The visitor an outbox payload concerns: its visitor snapshot, or its conversation's visitor. */
export function visitorIdOf(payload: Json): string | null {
  if (isObject(payload.visitor) && typeof payload.visitor.id === 'string') return payload.visitor.id;
  const c = payload.conversation;
  return isObject(c) && typeof c.visitor_id === 'string' ? c.visitor_id : null;
}

/** Whether the event is an internal note (sent only to webhooks with includePrivate). */
export const isPrivateMessage = (type: string, payload: Json): boolean =>
  type === 'message.created' && isObject(payload.message) && Boolean(payload.message.private);

/**
 * An event's `data`: its row snapshots as the API's public views (conversation, message, visitor),
 * other fields (changes, rating, …) as they are. `authorName` fills a message's author, which the
 * snapshot does not carry.
 */
export function eventData(payload: Json, authorName?: string | null): Json {
  const data: Json = {};
  // A labels change carries the conversation's labels beside its row: they go into its view.
  const labels = Array.isArray(payload.labels) ? (payload.labels as LabelChip[]) : undefined;
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'labels' && labels) continue;
    if (key === 'conversation' && isObject(value))
      data[key] = labels
        ? toConversationView(conversationFromRow(value), labels)
        : toConversationView(conversationFromRow(value));
    else if (key === 'message' && isObject(value))
      data[key] = toMessageView({ ...messageFromRow(value), authorName: authorName ?? null });
    else if (key === 'visitor' && isObject(value)) data[key] = toVisitorProfile(visitorFromRow(value));
    else data[key] = value;
  }
  return data;
}

/** evt_…: derived from the outbox row, so every endpoint and every attempt sees the same id. */
export const eventIdOf = (outboxId: number): string =>
  `evt_${createHash('sha256').update(`spectre-outbox:${outboxId}`).digest('hex').slice(0, 24)}`;

export interface WebhookEventBody {
  id: string;
  type: string;
  createdAt: string;
  projectId: string;
  data: Json;
}
