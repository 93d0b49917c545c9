import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { uniqueEmail } from '../factories/accounts';
import { launchBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const signedIn = (page: Page) => page.getByRole('button', { name: 'Sign out' }).waitFor();

// Each tab refreshes its access token a minute before it expires (15 min here). With the pages'
// clocks moved on together, both tabs' timers fire at the same moment with the same cookie: a
// reused refresh token would revoke the session and sign both out.
describe('console: two tabs refreshing at the same moment', () => {
  let t: TestApp;
  let browser: Browser;

  before(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('both stay signed in, and the session survives a reload of each', async () => {
    const context = await browser.newContext();
    await context.clock.install();
    const refreshes: number[] = [];
    context.on('response', (res) => {
      if (res.url().endsWith('/api/v1/auth/refresh')) refreshes.push(res.status());
    });
    const [first, second] = [await context.newPage(), await context.newPage()];
    await first.goto(`${t.url}/app/signup`);
    await first.getByLabel('Name').fill('Tabs');
    await first.getByLabel('Email').fill(uniqueEmail('tabs'));
    await first.getByLabel('Password').fill('correct-horse-battery');
    await first.getByRole('button', { name: 'Create account' }).click();
    await signedIn(first);
    // (The sign-up page's restore attempt found no cookie: a 401 before this point is expected.)
    const signedUpAt = refreshes.length;
    await second.goto(`${t.url}/app`);
    await signedIn(second);
    const beforeRefresh = refreshes.length;

    await context.clock.fastForward('15:00');
    await expectEventually(() => refreshes.length > beforeRefresh);
    // Let any retry or second refresh settle.
    await new Promise((done) => setTimeout(done, 1500));
    // 409 is the server's "just rotated, retry" (a browser without Web Locks); 401 would be the end.
    const refused = refreshes.slice(beforeRefresh).filter((status) => status !== 200 && status !== 409);
    expect(refused).toEqual([]);
    for (const page of [first, second]) await signedIn(page);

    for (const page of [first, second]) {
      await page.reload();
      await signedIn(page);
    }
    expect(refreshes.slice(signedUpAt).filter((status) => status !== 200 && status !== 409)).toEqual([]);
    await context.close();
  });
});

async function expectEventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}
