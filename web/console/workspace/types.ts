// The API shapes the workspace uses, from the generated OpenAPI types (npm run gen:api), and the
// socket events' payloads (which OpenAPI cannot describe: docs/realtime.md).
import type { components } from '@shared/api/schema';

type Schemas = components['schemas'];

export type Conversation = Schemas['ConversationResponseDto'];
export type InboxItem = Schemas['InboxItemResponseDto'];
export type ConversationDetail = Schemas['ConversationDetailResponseDto'];
export type VisitorProfile = ConversationDetail['visitor'];
export type Message = Schemas['MessageResponseDto'];
export type Rating = Schemas['RatingResponseDto'];
export type ConversationStatus = Conversation['status'];
export type Member = Schemas['MemberResponseDto'];
export type Role = Member['role'];
/** `secret` only on create and rotate-secret. */
export type Project = Schemas['ProjectResponseDto'] & { secret?: string };
export type Label = Schemas['LabelResponseDto'];
export type LabelChip = Conversation['labels'][number];
export type CannedResponse = Schemas['CannedResponseResponseDto'];
/** `secret` only on create and rotate-secret. */
export type Webhook = Schemas['WebhookResponseDto'] & { secret?: string };
export type WebhookDelivery = Schemas['WebhookDeliveryResponseDto'];
/** `token` only when created. */
export type Invitation = Schemas['InvitationResponseDto'] & { token?: string };

export interface PageMeta {
  nextCursor: string | null;
  hasMore: boolean;
}

export interface TypingEvent {
  conversationId: string;
  side: 'visitor' | 'agent';
  senderId: string;
  isTyping: boolean;
  private?: boolean;
}

export interface ReadEvent {
  conversationId: string;
  side: 'visitor' | 'agent';
  lastReadSeq: number;
}

export interface ResyncComplete {
  conversations: Record<string, number>;
  hasMore: Record<string, boolean>;
  snapshots: Record<string, Conversation>;
}

// Search and contacts (docs/search-and-contacts.md).
export type SearchResult = Schemas['SearchResponseDto'];
export type SearchHit = SearchResult['conversations'][number];
export type SearchMatch = SearchHit['matches'][number];
export type VisitorRecord = Schemas['VisitorResponseDto'];
export type VisitorExport = Schemas['VisitorExportResponseDto'];
