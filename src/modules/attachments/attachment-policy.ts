import type { AppConfig } from '../../config/env.schema';
import type { Project } from '../../db/schema';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Images a browser may show inline: never SVG, which is a document that can run script. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Types without magic bytes, accepted on the client's word only when the bytes are UTF-8 text. */
export const TEXT_TYPES = ['text/plain', 'text/csv'] as const;

/** Images, PDF, plain text and common office formats (the default `allowedTypes`). */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = [
  ...INLINE_IMAGE_TYPES,
  'application/pdf',
  ...TEXT_TYPES,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  // Word 97-2003, Excel 97-2003 and other OLE compound files, as file-type names them.
  'application/x-cfb',
  'application/zip',
];

export interface AttachmentLimits {
  maxBytes: number;
  allowedTypes: readonly string[];
}

/** A project's limits: its settings (defaults 10 MB and the list above), capped by ATTACHMENT_MAX_BYTES. */
export function limitsFor(project: Project, config: AppConfig): AttachmentLimits {
  const settings = project.settings.attachments ?? {};
  return {
    maxBytes: Math.min(settings.maxBytes ?? DEFAULT_MAX_BYTES, config.ATTACHMENT_MAX_BYTES),
    allowedTypes: settings.allowedTypes ?? DEFAULT_ALLOWED_TYPES,
  };
}

export const isInlineImage = (contentType: string): boolean =>
  (INLINE_IMAGE_TYPES as readonly string[]).includes(contentType);

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f"\\/:*?<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_NAME = 200;

/**
 * A filename safe to store and show: no directories, control or bidi characters, or characters
 * Windows refuses; NFC; at most 200 characters with the extension kept; never empty or dot-only.
 */
export function sanitizeFilename(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = base.normalize('NFC').replace(UNSAFE_CHARS, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name =
      [...name.slice(0, dot > 0 && ext ? dot : name.length)].slice(0, MAX_NAME - ext.length).join('') + ext;
  }
  return name || 'file';
}

/** `attachment` (or `inline`) with an ASCII fallback name and the exact UTF-8 one (RFC 6266). */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The Content-Type a download is served with: text always as UTF-8 plain text or CSV, never HTML. */
export const servedContentType = (contentType: string): string =>
  (TEXT_TYPES as readonly string[]).includes(contentType) ? `${contentType}; charset=utf-8` : contentType;
