// The agent's browser loses the network while the visitor writes; back online, the console shows
// both messages once, in order, without a reload (resync by seq, and the inbox fetched again).
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { visitorSend } from '../factories/widget';
import { launchBrowser, screenshot } from '../support/browser';
import { history, inboxRow, markPage, signInToConsole, wasNotReloaded } from '../support/console';

describe('console: offline and back', () => {
  let s: AppWithProject;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    s = await startAppWithProject({ owner: 'Olivia' });
    browser = await launchBrowser();
    ({ context, page } = await signInToConsole(browser, s.t.url, s.owner));
  });
  after(async () => {
    await browser?.close();
    await s?.t.close();
  });

  it('misses nothing while offline: both messages appear once, in order, without a reload', async () => {
    const first = await visitorSend(s.api, s.project, 'Are you there?', undefined, {
      visitor: { name: 'Ada' },
    });
    const session = { token: first.visitorToken, conversationId: first.conversation.id };
    await inboxRow(page, 'Ada').click();
    await history(page).getByText('Are you there?').waitFor();
    // A second conversation the agent does not have open: its unread count must be right too.
    const other = await visitorSend(s.api, s.project, 'Hello?', undefined, { visitor: { name: 'Ben' } });
    await inboxRow(page, 'Ben').getByLabel('1 unread').waitFor();
    await markPage(page);

    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: 'Disconnected' }).waitFor();
    await screenshot(page, 'console-offline');
    await visitorSend(s.api, s.project, 'First while you were away', session);
    await visitorSend(s.api, s.project, 'Second while you were away', session);
    await visitorSend(s.api, s.project, 'Still there?', {
      token: other.visitorToken,
      conversationId: other.conversation.id,
    });
    await context.setOffline(false);

    await history(page).getByText('Second while you were away').waitFor();
    await page.getByRole('status').filter({ hasText: 'Disconnected' }).waitFor({ state: 'detached' });
    const bodies = await history(page).locator('.msg-body').allTextContents();
    expect(bodies).toEqual(['Are you there?', 'First while you were away', 'Second while you were away']);
    await inboxRow(page, 'Ben').getByLabel('2 unread').waitFor();
    await expect(inboxRow(page, 'Ben').textContent()).resolves.toContain('Still there?');
    // Ben's conversation moved to the top.
    await expect(
      page.getByRole('list', { name: 'Conversations' }).getByRole('link').first().textContent(),
    ).resolves.toContain('Ben');
    expect(await wasNotReloaded(page)).toBe(true);
    await screenshot(page, 'console-back-online');
  });
});
