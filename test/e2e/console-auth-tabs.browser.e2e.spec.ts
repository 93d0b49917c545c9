import { describe, it } from 'node:test';
import { expect } from 'expect';
import { uniqueEmail } from '../factories/accounts';
import { consoleTestEnv, submitSignUp, waitSignedIn as signedIn } from '../support/console';

// Each tab refreshes its access token a minute before it expires (15 min here). With the pages'
// clocks moved on together, both tabs' timers fire at the same moment with the same cookie: a
// reused refresh token would revoke the session and sign both out.
describe('console: two tabs refreshing at the same moment', () => {
  const env = consoleTestEnv();

  it('both stay signed in, and the session survives a reload of each', async () => {
    const context = await env.browser.newContext();
    await context.clock.install();
    const refreshes: number[] = [];
    context.on('response', (res) => {
      if (res.url().endsWith('/api/v1/auth/refresh')) refreshes.push(res.status());
    });
    const [first, second] = [await context.newPage(), await context.newPage()];
    await first.goto(`${env.t.url}/app/signup`);
    await submitSignUp(first, 'Tabs', uniqueEmail('tabs'));
    await signedIn(first);
    // (The sign-up page's restore attempt found no cookie: a 401 before this point is expected.)
    const signedUpAt = refreshes.length;
    await second.goto(`${env.t.url}/app`);
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
