// The reply box's attachments: a button, paste and drop on the reply form, progress while
// uploading; each stored file is sent at once as a reply (or a note, in note mode).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '@shared/api/client';
import { filesOf, uploadAttachment } from '@shared/api/upload';
import { accessToken } from '../auth/session';
import type { OpenConversation } from './conversation-store';

interface Upload {
  key: number;
  name: string;
  percent: number;
  error?: string;
}

let nextKey = 0;

const failure = (name: string, err: unknown): string => {
  const code = err instanceof ApiError ? err.code : '';
  if (code === 'ATTACHMENT_TOO_LARGE') return `${name} is larger than this project accepts.`;
  if (code === 'ATTACHMENT_TYPE_NOT_ALLOWED') return `${name}: this type of file is not accepted.`;
  return `${name} could not be uploaded.`;
};

export function ReplyAttachments({ conversation, note }: { conversation: OpenConversation; note: boolean }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const update = (key: number, change: Partial<Upload> | null) =>
    setUploads((list) =>
      change ? list.map((u) => (u.key === key ? { ...u, ...change } : u)) : list.filter((u) => u.key !== key),
    );

  const attach = async (file: File) => {
    const key = nextKey++;
    const name = file.name || 'pasted image';
    setUploads((list) => [...list, { key, name, percent: 0 }]);
    try {
      const { attachment } = await uploadAttachment({
        base: '/',
        conversationId: conversation.id,
        file,
        filename: file.name || 'pasted-image.png',
        headers: { authorization: `Bearer ${await accessToken()}` },
        onProgress: (f) => update(key, { percent: Math.round(f * 100) }),
      });
      update(key, null);
      await conversation.send('', note, undefined, [attachment.id]);
    } catch (err) {
      update(key, { error: failure(name, err) });
      setTimeout(() => update(key, null), 8000);
    }
  };
  const attachAll = (files: File[]) => files.forEach((f) => void attach(f));

  // Paste and drop anywhere on the reply form.
  useEffect(() => {
    const form = input.current?.closest('form');
    if (!form) return;
    const onPaste = (e: ClipboardEvent) => {
      const files = filesOf(e.clipboardData);
      if (files.length === 0) return;
      e.preventDefault();
      attachAll(files);
    };
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const files = filesOf(e.dataTransfer);
      if (files.length === 0) return;
      e.preventDefault();
      attachAll(files);
    };
    form.addEventListener('paste', onPaste);
    form.addEventListener('dragover', onDragOver);
    form.addEventListener('drop', onDrop);
    return () => {
      form.removeEventListener('paste', onPaste);
      form.removeEventListener('dragover', onDragOver);
      form.removeEventListener('drop', onDrop);
    };
  });

  return (
    <div class="reply-attachments">
      <button type="button" class="btn" onClick={() => input.current?.click()}>
        Attach file
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        aria-label="File to attach"
        onChange={(e) => {
          attachAll([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
      {uploads.length > 0 && (
        <ul class="reply-uploads" aria-live="polite">
          {uploads.map((u) =>
            u.error ? (
              <li key={u.key} class="reply-upload-error">
                {u.error}
              </li>
            ) : (
              <li key={u.key}>
                Uploading {u.name}: {u.percent}% <progress max={100} value={u.percent} aria-label={u.name} />
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
