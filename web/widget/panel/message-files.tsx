// Attachments in the message list: images as previews, other files as download links. Their URLs
// are short-lived signed links (an <img> cannot send the visitor token), fetched once per file.
import { signal } from '@preact/signals';
import { formatSize, isImage, type Attachment } from '@shared/api/upload';
import type { Chat } from './chat';

const links = signal<Record<string, string>>({});
const asked = new Set<string>();

function useLink(chat: Chat, id: string): string | undefined {
  if (!asked.has(id)) {
    asked.add(id);
    chat.api
      .link(id)
      .then(({ url }) => (links.value = { ...links.value, [id]: new URL(url, chat.base).href }))
      .catch(() => asked.delete(id));
  }
  return links.value[id];
}

function File({ chat, file }: { chat: Chat; file: Attachment }) {
  const url = useLink(chat, file.id);
  if (isImage(file)) {
    return (
      <a class="file-image" href={url} target="_blank" rel="noopener noreferrer">
        {url ? (
          <img src={url} alt={file.name} width={file.width} height={file.height} loading="lazy" />
        ) : (
          <span class="file-placeholder">{file.name}</span>
        )}
      </a>
    );
  }
  return (
    <a class="file" href={url} download={file.name} rel="noopener noreferrer">
      {file.name} <span class="file-size">({formatSize(file.size)})</span>
    </a>
  );
}

export function MessageFiles({ chat, files }: { chat: Chat; files: Attachment[] | undefined }) {
  if (!files?.length) return null;
  return (
    <div class="files">
      {files.map((f) => (
        <File key={f.id} chat={chat} file={f} />
      ))}
    </div>
  );
}
