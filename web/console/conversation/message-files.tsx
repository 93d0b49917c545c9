import { useEffect, useState } from 'preact/hooks';
import { formatSize, isImage, type Attachment } from '@shared/api/upload';
import { blobUrlOf, saveAttachment } from './attachment-files';

function ImagePreview({ file }: { file: Attachment }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    blobUrlOf(file.id).then(setUrl, () => undefined);
  }, [file.id]);
  return (
    <button type="button" class="msg-file-image" onClick={() => void saveAttachment(file.id, file.name)}>
      {url ? (
        <img src={url} alt={file.name} width={file.width} height={file.height} />
      ) : (
        <span class="msg-file-placeholder">{file.name}</span>
      )}
    </button>
  );
}

/** A message's attachments: image previews (click saves) and other files as download buttons. */
export function MessageFiles({ files }: { files: Attachment[] | undefined }) {
  if (!files?.length) return null;
  return (
    <ul class="msg-files" aria-label="Attachments">
      {files.map((f) => (
        <li key={f.id}>
          {isImage(f) ? (
            <ImagePreview file={f} />
          ) : (
            <button
              type="button"
              class="btn btn-link msg-file"
              onClick={() => void saveAttachment(f.id, f.name)}
            >
              {f.name} ({formatSize(f.size)})
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
