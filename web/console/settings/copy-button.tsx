import { useState } from 'preact/hooks';

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'' | 'Copied' | 'Copy failed'>('');
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setDone('Copied'),
      () => setDone('Copy failed'),
    );
  return (
    <>
      <button class="btn" type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span class="ws-muted" role="status">
        {done}
      </span>
    </>
  );
}
