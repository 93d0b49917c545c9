/** A mail's content before addressing: plain text plus simple HTML. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value that goes into a mail's HTML passes through here. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** A paragraph, a quoted block or a call to action of a mail, rendered both ways. */
export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'quote'; heading: string; text: string }
  | { kind: 'action'; label: string; url: string };

export const p = (text: string): Block => ({ kind: 'p', text });
export const quote = (heading: string, text: string): Block => ({ kind: 'quote', heading, text });
export const action = (label: string, url: string): Block => ({ kind: 'action', label, url });

const asText = (b: Block): string => {
  switch (b.kind) {
    case 'p':
      return b.text;
    case 'quote':
      return `${b.heading}:\n${b.text
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`;
    case 'action':
      return `${b.label}: ${b.url}`;
  }
};

const paragraphs = (text: string): string => escapeHtml(text).replace(/\n/g, '<br>');

const asHtml = (b: Block): string => {
  switch (b.kind) {
    case 'p':
      return `<p>${paragraphs(b.text)}</p>`;
    case 'quote':
      return (
        `<p style="margin:16px 0 4px;color:#555"><strong>${escapeHtml(b.heading)}</strong></p>` +
        `<blockquote style="margin:0;padding:8px 12px;border-left:3px solid #4f46e5;background:#f6f6fb">` +
        `${paragraphs(b.text)}</blockquote>`
      );
    case 'action':
      return (
        `<p style="margin:24px 0"><a href="${escapeHtml(b.url)}" style="background:#4f46e5;color:#fff;` +
        `padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p>`
      );
  }
};

/** Lays blocks out as the text and HTML bodies of one mail, with an optional small-print footer. */
export function compose(subject: string, blocks: Block[], footer?: Block[]): MailContent {
  const text = [...blocks, ...(footer ?? [])].map(asText).join('\n\n') + '\n';
  const foot = footer
    ? `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">` +
      `<div style="font-size:12px;color:#666">${footer.map(asHtml).join('')}</div>`
    : '';
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:24px">` +
    `${blocks.map(asHtml).join('')}${foot}</body></html>`;
  return { subject, text, html };
}
