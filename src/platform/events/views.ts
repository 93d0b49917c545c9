import type { ConversationStatus, MessageSender } from '../../db/schema';

/** A message as the API and sockets show it. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  sender: MessageSender;
  authorId: string | null;
  body: string;
  private: boolean;
  clientMessageId: string;
  createdAt: string;
}

/** A conversation as the API and sockets show it (agent side unless noted). */
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
  createdAt: string;
  updatedAt: string;
}
