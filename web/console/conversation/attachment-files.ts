// Attachment bytes for the console: fetched with the agent's token (GET /attachments/:id streams
// them for either storage driver) and shown through blob: URLs, which the console's CSP allows.
import { ApiError } from '@shared/api/client';
import { accessToken } from '../auth/session';

const cache = new Map<string, Promise<string>>();

/** A blob: URL of the attachment's bytes, fetched once per attachment. */
export function blobUrlOf(id: string): Promise<string> {
  let url = cache.get(id);
  if (!url) {
    url = (async () => {
      const res = await fetch(`/api/v1/attachments/${id}`, {
        headers: { authorization: `Bearer ${await accessToken()}` },
      });
      if (!res.ok) throw new ApiError(res.status, 'DOWNLOAD_FAILED', res.statusText);
      return URL.createObjectURL(await res.blob());
    })();
    url.catch(() => cache.delete(id));
    cache.set(id, url);
  }
  return url;
}

/** Saves an attachment under its name (an <a download> on its blob: URL). */
export async function saveAttachment(id: string, name: string): Promise<void> {
  const a = document.createElement('a');
  a.href = await blobUrlOf(id);
  a.download = name;
  a.click();
}
