/** `/demo?key=pk_…`: the key is optional (the page then explains how to get one). */
export const DEMO_QUERY = {
  type: 'object',
  properties: { key: { type: 'string', pattern: '^pk_[A-Za-z0-9_-]{1,100}$' } },
  additionalProperties: false,
} as const;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A plain sample website with the widget embedded, so that a new user can chat with themselves:
 * this page as the visitor, the console as the agent. The page itself has no script but the widget.
 */
export function demoPage(projectKey: string | undefined): string {
  const embed = projectKey
    ? `<script src="/widget.js" data-project-key="${escapeHtml(projectKey)}" async></script>`
    : '';
  const intro = projectKey
    ? '<p>This is a sample website with the Spectre widget embedded. Open the chat in the corner and write: your message appears in the <a href="/app">console</a>.</p>'
    : '<p>Add <code>?key=pk_…</code> (a project\'s public key, shown in the <a href="/app">console</a>\'s project settings) to chat with that project.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop — Spectre widget</title>
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<header><strong>Acme Outdoor</strong> <nav><a href="#">Shop</a> <a href="#">About</a> <a href="#">Help</a></nav></header>
<main>
<h1>Welcome to the demo shop</h1>
${intro}
<p>Everything here is a stand-in for a customer's website: one script tag adds the chat.</p>
</main>
${embed}
</body>
</html>
`;
}

export const DEMO_CSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#f7f7f2}
header{display:flex;justify-content:space-between;align-items:center;padding:16px 32px;background:#23395b;color:#fff}
header a{color:#fff;margin-left:16px}main{max-width:720px;margin:48px auto;padding:0 24px}
main a{color:#1d4ed8}code{background:#e5e7eb;padding:1px 4px;border-radius:4px}`;
