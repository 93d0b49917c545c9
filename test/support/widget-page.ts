import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { launchBrowser, startHostSite, type HostSite } from './browser';

export interface EmbedOptions {
  /** window.spectreSettings set before the tag. */
  settings?: Record<string, unknown>;
  /** Script run after the command-queue stub and before the tag (e.g. Spectre('identify', …)). */
  before?: string;
}

/** A page of the customer's site with the snippet of docs/widget.md, served on the site's origin. */
export function embedPage(
  site: HostSite,
  path: string,
  appUrl: string,
  key: string,
  o: EmbedOptions = {},
): string {
  return site.page(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: serif"><main><h1>Acme shop</h1><p>Our products.</p></main>
<script>
window.spectreSettings = ${JSON.stringify(o.settings ?? {})};
window.Spectre = window.Spectre || function () { (Spectre.q = Spectre.q || []).push(arguments) };
${o.before ?? ''}
</script>
<script src="${appUrl}/widget.js" data-project-key="${key}" async></script>
</body></html>`,
  );
}

/** Opens the embedding page and the chat, and waits until the panel is ready to type in. */
export async function openWidget(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

/** Types and sends with Enter. */
export async function sendFromWidget(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The bodies the message log shows, in order (pending ones included). */
export function logBodies(page: Page): Promise<string[]> {
  return page.locator('[role="log"] .bubble').allTextContents();
}

export interface WidgetTestEnv extends AppWithProject {
  browser: Browser;
  /** The customer's site, on another origin, allowed by the project. */
  site: HostSite;
  /** Its page with the snippet (/shop). */
  url: string;
  close(): Promise<void>;
}

/**
 * What a widget browser-test file starts once: one Chromium, the customer's site, and an app with a
 * project that allows the site, named `settings.name` and so on.
 */
export async function startWidgetTestEnv(options: {
  owner?: string;
  settings: Record<string, unknown>;
}): Promise<WidgetTestEnv> {
  const [browser, site] = await Promise.all([launchBrowser(), startHostSite()]);
  const app = await startAppWithProject({
    owner: options.owner,
    project: { allowedOrigins: [site.origin], settings: options.settings },
  });
  return {
    ...app,
    browser,
    site,
    url: embedPage(site, '/shop', app.t.url, app.project.publicKey),
    async close() {
      await Promise.all([browser.close(), site.close()]);
      await app.t.close();
    },
  };
}
