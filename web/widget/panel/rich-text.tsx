// Message text as text: no HTML from messages ever reaches the page; URLs become links.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]]+$/;

export function RichText({ text }: { text: string }) {
  const parts: (string | { href: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(TRAILING, '');
    const at = match.index ?? 0;
    parts.push(text.slice(last, at), { href });
    last = at + href.length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((p) =>
        typeof p === 'string' ? (
          p
        ) : (
          <a href={p.href} target="_blank" rel="noopener noreferrer">
            {p.href}
          </a>
        ),
      )}
    </>
  );
}
