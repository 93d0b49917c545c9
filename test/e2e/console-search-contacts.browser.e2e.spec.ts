// The console's search box (/ and Ctrl+K, opens the conversation at the matching message) and the
// contacts page (find, block/unblock, export, erase with confirmation), in Chromium.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { agentReply, visitorSend, widgetHeaders } from '../factories/widget';
import { launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { history, signInToConsole } from '../support/console';

describe('console: search and contacts', () => {
  let s: AppWithProject;
  let browser: Browser;
  let page: Page;
  let conversationId: string;
  let visitorToken: string;
  let needleSeq: number;

  before(async () => {
    s = await startAppWithProject({ owner: 'Olivia' });
    // The matching message is older than the conversation's first page (50), so opening it must page back.
    const first = await visitorSend(s.api, s.project, 'My kumquat order never arrived', undefined, {
      visitor: { name: 'Vic Visitor', email: 'vic.visitor@example.org' },
    });
    conversationId = first.conversation.id;
    visitorToken = first.visitorToken;
    needleSeq = first.message.seq;
    for (let i = 0; i < 55; i++) await agentReply(s.api, s.owner.token, conversationId, `filler reply ${i}`);
    await agentReply(s.api, s.owner.token, conversationId, 'internal: kumquat supplier is late', true);
    browser = await launchBrowser();
    ({ page } = await signInToConsole(browser, s.t.url, s.owner));
  });
  after(async () => {
    await browser?.close();
    await s?.t.close();
  });

  it('/ focuses the search; results show highlighted snippets (notes too) and visitors; axe finds nothing serious', async () => {
    await page.getByRole('link', { name: 'Inbox' }).waitFor();
    await page.locator('body').press('/');
    const box = page.getByRole('searchbox', { name: 'Search conversations and visitors' });
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await box.pressSequentially('kumqu', { delay: 30 });
    const results = page.locator('#ws-search-results');
    await results.getByRole('region', { name: 'Conversations' }).waitFor();
    await expect(results.locator('mark').allTextContents()).resolves.toEqual(['kumquat', 'kumquat']);
    await results.getByText('Note').waitFor();
    await box.fill('vic.visitor@exa');
    await results.getByRole('region', { name: 'Visitors' }).getByText('Vic Visitor').waitFor();
    await screenshot(page, 'console-search-results');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await box.press('Escape');
    await results.waitFor({ state: 'hidden' });
  });

  it('Ctrl+K searches too, and a result opens the conversation at the matching message', async () => {
    await page.keyboard.press('Control+k');
    const box = page.getByRole('searchbox', { name: 'Search conversations and visitors' });
    await box.fill('kumquat order');
    const hit = page.locator('#ws-search-results a').filter({ hasText: 'never arrived' });
    await hit.click();
    await page.waitForURL(`**/app/conversations/${conversationId}`);
    const found = history(page).locator(`[data-seq="${needleSeq}"]`);
    await found.waitFor();
    await expect(found.evaluate((el) => el.classList.contains('msg-found'))).resolves.toBe(true);
    await expect(found.isVisible()).resolves.toBe(true);
    await screenshot(page, 'console-search-opened-at-match');
  });

  it('contacts: find a visitor, block them (sends refused, conversation resolved), unblock, export, erase', async () => {
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    await page.getByRole('searchbox', { name: 'Find a visitor' }).fill('vic.visitor@');
    await page.getByRole('link', { name: /Vic Visitor/ }).click();
    const profile = page.getByRole('region', { name: /Vic Visitor/ });
    await profile.getByRole('button', { name: 'Block' }).click();
    await profile.getByRole('status').getByText('Blocked; 1 conversation(s) resolved.').waitFor();
    await profile.getByText('Blocked', { exact: true }).waitFor();
    const send = await s.api.post('/api/v1/messages', {
      headers: widgetHeaders(s.project.publicKey, visitorToken),
      body: { conversationId, body: 'let me in', clientMessageId: randomUUID() },
    });
    expect(send.body.error.code).toBe('VISITOR_BLOCKED');
    await screenshot(page, 'console-contact-blocked');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await profile.getByRole('button', { name: 'Unblock' }).click();
    await profile.getByRole('status').getByText('Unblocked.').waitFor();

    const download = page.waitForEvent('download');
    await profile.getByRole('button', { name: 'Export (JSON)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^visitor-.*\.json$/);

    await profile.getByRole('button', { name: 'Erase…' }).click();
    const dialog = page.getByRole('alertdialog', { name: /Erase Vic Visitor/ });
    await dialog.waitFor();
    await screenshot(page, 'console-contact-erase-confirm');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Erase visitor' }).click();
    await page.waitForURL('**/app/contacts');
    await page.getByText('No visitors found.').waitFor();
    const gone = await s.api.get(`/api/v1/conversations/${conversationId}`, { token: s.owner.token });
    expect(gone.status).toBe(404);
  });
});
