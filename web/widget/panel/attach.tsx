// The visitor's attachments: a button, paste and drag-and-drop, each upload with its progress;
// once stored, the file is sent as a message of its own (POST /messages with attachmentIds).
import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { ApiError } from '@shared/api/client';
import { filesOf } from '@shared/api/upload';
import type { Chat } from './chat';

interface Upload {
  key: number;
  name: string;
  percent: number;
  error?: string;
}

const uploads = signal<Upload[]>([]);
const dragging = signal(false);
let nextKey = 0;

function update(key: number, change: Partial<Upload>) {
  uploads.value = uploads.value.map((u) => (u.key === key ? { ...u, ...change } : u));
}

async function attach(chat: Chat, file: File) {
  const conversationId = chat.currentId.value;
  if (!conversationId) return;
  const { t } = chat;
  const name = file.name || 'image';
  const key = nextKey++;
  uploads.value = [...uploads.value, { key, name, percent: 0 }];
  try {
    const stored = await chat.api.upload(conversationId, file, (f) =>
      update(key, { percent: Math.round(f * 100) }),
    );
    uploads.value = uploads.value.filter((u) => u.key !== key);
    chat.send('', [stored.id]);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : '';
    const error =
      code === 'ATTACHMENT_TOO_LARGE'
        ? t.uploadTooLarge(name)
        : code === 'ATTACHMENT_TYPE_NOT_ALLOWED'
          ? t.uploadRefused(name)
          : t.uploadFailed(name);
    update(key, { error });
    setTimeout(() => (uploads.value = uploads.value.filter((u) => u.key !== key)), 8000);
  }
}

const attachAll = (chat: Chat, files: File[]) => files.forEach((f) => void attach(chat, f));

/** The paperclip: opens the file picker. Only once a conversation exists (uploads belong to one). */
export function AttachButton({ chat }: { chat: Chat }) {
  const input = useRef<HTMLInputElement>(null);
  if (!chat.currentId.value) return null;
  return (
    <>
      <button
        type="button"
        class="icon attach"
        aria-label={chat.t.attach}
        title={chat.t.attach}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V6a3 3 0 0 1 6 0v9.5a1.5 1.5 0 0 1-3 0V7H9v8.5a3 3 0 0 0 6 0V6a4.5 4.5 0 0 0-9 0v10.5a6 6 0 0 0 12 0v-10z" />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        onChange={(e) => {
          attachAll(chat, [...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}

/** Uploads in flight and their failures, announced politely. */
export function UploadStatus({ chat }: { chat: Chat }) {
  if (uploads.value.length === 0) return null;
  return (
    <ul class="uploads" aria-live="polite">
      {uploads.value.map((u) => (
        <li key={u.key} class={u.error ? 'upload failed' : 'upload'}>
          {u.error ?? (
            <>
              <span>{chat.t.uploading(u.name, u.percent)}</span>
              <progress max={100} value={u.percent} aria-label={u.name} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Wraps the chat: files dropped on it or pasted into it are attached. */
export function DropZone({ chat, children }: { chat: Chat; children: ComponentChildren }) {
  const enabled = () => Boolean(chat.currentId.value);
  return (
    <div
      class={dragging.value ? 'dropzone dragging' : 'dropzone'}
      onDragOver={(e) => {
        if (!enabled() || !e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        dragging.value = true;
      }}
      onDragLeave={() => (dragging.value = false)}
      onDrop={(e) => {
        dragging.value = false;
        if (!enabled()) return;
        e.preventDefault();
        attachAll(chat, filesOf(e.dataTransfer));
      }}
      onPaste={(e) => {
        const files = filesOf(e.clipboardData);
        if (!enabled() || files.length === 0) return;
        e.preventDefault();
        attachAll(chat, files);
      }}
    >
      {children}
      {dragging.value && <p class="drop-hint">{chat.t.dropHere}</p>}
    </div>
  );
}
