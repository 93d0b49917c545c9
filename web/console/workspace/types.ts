// Hand-typed API shapes the workspace uses (to be replaced by web/shared/api/schema.d.ts, generated
// from the OpenAPI document, at merge).

export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'snoozed';
export type Role = 'owner' | 'admin' | 'agent';

export interface Conversation {
  id: string;
  projectId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  snoozedUntil: string | null;
  lastSeq: number;
  lastPublicSeq: number;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  agentLastReadSeq: number;
  visitorLastReadSeq: number;
  createdAt: string;
  updatedAt: string;
}

export interface InboxItem extends Conversation {
  unreadCount: number;
  visitor: { id: string; name: string | null; email: string | null };
}

export interface VisitorProfile {
  id: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  verified: boolean;
  metadata: Record<string, unknown>;
  lastSeenAt: string;
}

export interface ConversationDetail extends Conversation {
  unreadCount: number;
  visitor: VisitorProfile;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  sender: 'visitor' | 'agent' | 'system';
  authorId: string | null;
  body: string;
  private: boolean;
  clientMessageId: string;
  createdAt: string;
}

export interface PageMeta {
  nextCursor: string | null;
  hasMore: boolean;
}

export interface Project {
  id: string;
  teamId: string;
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  settings: { name?: string; greeting?: string; color?: string };
  requireIdentityVerification: boolean;
  createdAt: string;
  updatedAt: string;
  /** Only on create and rotate-secret. */
  secret?: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  teamId: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  /** Only when created. */
  token?: string;
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
