// File uploads (POST /api/v1/attachments) with progress: fetch cannot report upload progress, XHR can.
import { ApiError } from './client';
import type { components } from './schema';

export type Attachment = components['schemas']['AttachmentResponseDto'];

export interface UploadRequest {
  /** The API's origin with a trailing slash ('' or '/' for the same origin). */
  base: string;
  conversationId: string;
  file: Blob;
  filename: string;
  headers: Record<string, string>;
  /** 0…1 as bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Uploads one file; resolves to the stored attachment, rejects with an ApiError (413, 415, …). */
export function uploadAttachment(r: UploadRequest): Promise<{ attachment: Attachment; xhr: XMLHttpRequest }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${r.base}api/v1/attachments?conversationId=${encodeURIComponent(r.conversationId)}`);
    for (const [name, value] of Object.entries(r.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => e.lengthComputable && r.onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload could not reach the server'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled'));
    xhr.onload = () => {
      let body: { data?: Attachment; error?: { code: string; message: string }; requestId?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* not JSON: an error below */
      }
      if (xhr.status === 201 && body.data) return resolve({ attachment: body.data, xhr });
      reject(
        new ApiError(
          xhr.status,
          body.error?.code ?? 'HTTP_ERROR',
          body.error?.message ?? xhr.statusText,
          body.requestId,
        ),
      );
    };
    r.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', r.file, r.filename);
    xhr.send(form);
  });
}

/** Files from a paste or a drop (images pasted from the clipboard have no useful name). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

export const isImage = (a: Pick<Attachment, 'contentType'>): boolean =>
  ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(a.contentType);

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
