import type { Attachment } from '../../db/schema';

/** An attachment as the API, sockets and outbox consumers show it (the storage key never leaves). */
export interface AttachmentView {
  id: string;
  name: string;
  size: number;
  contentType: string;
  width?: number;
  height?: number;
}

type AttachmentFields = Pick<Attachment, 'id' | 'name' | 'size' | 'contentType' | 'width' | 'height'>;

export function toAttachmentView(a: AttachmentFields): AttachmentView {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    ...(a.width != null && { width: a.width }),
    ...(a.height != null && { height: a.height }),
  };
}

/** Maps a raw snake_case attachments row (an outbox payload's `attachments`, the append's json). */
export function attachmentFromRow(r: Record<string, unknown>): AttachmentFields {
  return {
    id: r.id as string,
    name: r.name as string,
    size: Number(r.size),
    contentType: r.content_type as string,
    width: r.width == null ? null : Number(r.width),
    height: r.height == null ? null : Number(r.height),
  };
}
