import { toIso } from '../../platform/dates';
import type { Message, MessageSender } from '../../db/schema';
import { attachmentFromRow, toAttachmentView, type AttachmentView } from '../attachments/attachment.views';

/** The public face of an agent who wrote a message: what a visitor may see of them, nothing more. */
export interface MessageAuthor {
  name: string;
  /** No avatars are stored yet: null until users have one. */
  avatarUrl: string | null;
}

/** A message row with its author's display name, when the repository joined it. */
export type MessageWithAuthor = Message & { authorName?: string | null; attachments?: AttachmentView[] };

/** A message as the API, sockets and outbox consumers show it. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  sender: MessageSender;
  authorId: string | null;
  /** The agent's display name (and avatar) for agent messages; null for visitors and system. */
  author: MessageAuthor | null;
  body: string;
  private: boolean;
  clientMessageId: string;
  createdAt: string;
  /** Files attached to the message (empty when none). */
  attachments: AttachmentView[];
}

export function toMessageView(m: MessageWithAuthor): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    sender: m.sender,
    authorId: m.authorId,
    author: m.authorName ? { name: m.authorName, avatarUrl: null } : null,
    body: m.body,
    private: m.private,
    clientMessageId: m.clientMessageId,
    createdAt: toIso(m.createdAt),
    attachments: m.attachments ?? [],
  };
}

type Row = Record<string, unknown>;

/**
 * Maps a raw snake_case messages row (the append's jsonb snapshot, an outbox payload's).
 * `attachments` (raw attachment rows, as in the append's result and a message.created outbox
 * snapshot of a message with files) is read when present; absent means none.
 */
export function messageFromRow(r: Row): MessageWithAuthor {
  const attachments = r.attachments as Row[] | undefined;
  return {
    attachments: (attachments ?? []).map((a) => toAttachmentView(attachmentFromRow(a))),
    authorName: (r.author_name as string | null | undefined) ?? null,
    id: r.id as string,
    conversationId: r.conversation_id as string,
    seq: Number(r.seq),
    sender: r.sender as Message['sender'],
    authorId: (r.author_id as string | null) ?? null,
    body: r.body as string,
    private: Boolean(r.private),
    clientMessageId: r.client_message_id as string,
    createdAt: new Date(r.created_at as string),
  };
}
