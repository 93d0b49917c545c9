// A node sends its `resync` hint to all its sockets at once: the console waits a random 0–3 s
// before it reconnects, so they do not all come back in the same instant.
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser } from 'playwright-core';
import type { Namespace } from 'socket.io';
import { AgentGateway } from '../../src/realtime/agent.gateway';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { launchBrowser } from '../support/browser';
import { signInToConsole } from '../support/console';
import { settle } from '../support/sockets';

/** Resolves once `check` holds (polled every 10 ms), with the time it first held. */
async function when(check: () => boolean, timeoutMs = 8000): Promise<number> {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await settle(10)) {
    if (check()) return Date.now();
  }
  throw new Error('timed out');
}

describe('console: the server resync hint', () => {
  let s: AppWithProject;
  let browser: Browser;

  before(async () => {
    [s, browser] = await Promise.all([startAppWithProject({ owner: 'Hinted' }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await s?.t.close();
  });

  it('reconnects after a random wait of up to 3 s, not at once', async () => {
    const { context, page } = await signInToConsole(browser, s.t.url, s.owner);
    // The wait is Math.random() × 3 s: pinned to the middle, 1.5 s.
    await context.addInitScript(() => (Math.random = () => 0.5));
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const nsp = (s.t.app.get(AgentGateway) as unknown as { nsp: Namespace }).nsp;
    await when(() => nsp.sockets.size === 1);
    await settle(300);
    const [socket] = [...nsp.sockets.values()];
    expect(nsp.sockets.size).toBe(1);

    const hinted = Date.now();
    socket.emit('resync', { reason: 'link-restored' });
    const left = await when(() => !nsp.sockets.has(socket.id));
    await when(() => nsp.sockets.size === 1);
    expect(left - hinted).toBeGreaterThanOrEqual(1200);
    expect(left - hinted).toBeLessThan(2500);
    await context.close();
  });
});
