import type { Browser } from 'playwright-core';
import { launchBrowser, startHostSite } from '../../test/support/browser';
import { withServer } from '../lib/env';
import { fmt, type ScenarioOptions, type ScenarioResult } from '../lib/results';
import { printTable, summarize } from '../lib/util';

/**
 * The widget in Chromium, as a first-time visitor on a customer's page of another origin: time from
 * the script tag being parsed to an interactive launcher (its click handler is attached before it
 * is added to the page), and from the click to an open panel (panel module loaded, config shown,
 * message box ready). Each sample is a fresh browser context: nothing cached.
 */
async function sample(browser: Browser, url: string): Promise<{ launcher: number; open: number }> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.getElementById('spectre-widget')) return;
      performance.mark('spectre-launcher');
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  const result = await page.evaluate(
    () =>
      new Promise<{ launcher: number; open: number }>((resolve) => {
        const at = (name: string) => performance.getEntriesByName(name)[0].startTime;
        const root = document.getElementById('spectre-widget')!.shadowRoot!;
        const start = performance.now();
        root.querySelector<HTMLButtonElement>('.launcher')!.click();
        const poll = () => {
          const ready = root.querySelector('textarea') && root.querySelector('.head .status');
          if (!ready) return requestAnimationFrame(poll);
          resolve({ launcher: at('spectre-launcher') - at('spectre-tag'), open: performance.now() - start });
        };
        poll();
      }),
  );
  await context.close();
  return result;
}

export async function runWidget(o: ScenarioOptions): Promise<ScenarioResult> {
  const samples = o.quick ? 5 : 20;
  return withServer('widget', async ({ base, project }) => {
    const [browser, site] = await Promise.all([launchBrowser(), startHostSite()]);
    try {
      const url = site.page(
        '/shop',
        `<!doctype html><title>Shop</title><h1>Shop</h1>
<script>performance.mark('spectre-tag')</script>
<script src="${base}/widget.js" data-project-key="${project.publicKey}" async></script>`,
      );
      await sample(browser, url); // warm the server's caches and the JIT
      const runs: { launcher: number; open: number }[] = [];
      for (let i = 0; i < samples; i++) runs.push(await sample(browser, url));
      const launcher = summarize(runs.map((r) => r.launcher));
      const open = summarize(runs.map((r) => r.open));
      printTable(
        'widget in Chromium (ms, first-time visitor, fresh context each)',
        ['metric', 'p50', 'p99', 'max'],
        [
          [
            'script tag parsed → launcher interactive',
            fmt(launcher.p50),
            fmt(launcher.p99),
            fmt(launcher.max),
          ],
          ['click → panel open and ready', fmt(open.p50), fmt(open.p99), fmt(open.max)],
        ],
      );
      const row = (metric: string, measured: number) => ({
        scenario: 'widget',
        metric,
        target: '—',
        measured: `${fmt(measured)} ms`,
        baseline: '—',
        ratio: '—',
        met: null,
      });
      return {
        figures: { samples, launcherMs: launcher, openMs: open },
        targets: [
          row('launcher interactive after the tag (p50)', launcher.p50),
          row('panel open after the click (p50)', open.p50),
        ],
      };
    } finally {
      await Promise.all([browser.close(), site.close()]);
    }
  });
}
