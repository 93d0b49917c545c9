import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import type { Namespace } from 'socket.io';
import { WidgetGateway } from '../../src/realtime/widget.gateway';
import type { Account, ProjectInfo } from '../factories/accounts';
import { agentReply } from '../factories/widget';
import { screenshot } from '../support/browser';
import type { HttpClient } from '../support/http';
import type { TestApp } from '../support/test-app';
import {
  logBodies,
  openWidget,
  sendFromWidget,
  startWidgetTestEnv,
  type WidgetTestEnv,
} from '../support/widget-page';

describe('widget in a real browser: nothing missed across network loss', () => {
  let env: WidgetTestEnv;
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let browser: Browser;
  let url: string;

  before(async () => {
    env = await startWidgetTestEnv({ owner: 'Sam', settings: { name: 'Acme Support' } });
    ({ t, api, owner, project, browser, url } = env);
  });
  after(() => env?.close());

  const messagesOf = async (conversationId: string): Promise<{ body: string }[]> =>
    (await api.get(`/api/v1/conversations/${conversationId}/messages`, { token: owner.token })).body.data;
  const agentBodies = (page: Page) => page.locator('.msg.agent[data-seq] .bubble').allTextContents();

  async function startChat(page: Page, text: string): Promise<string> {
    await sendFromWidget(page, text);
    await page.locator('.msg.mine[data-seq]').waitFor();
    const list = (await api.get(`/api/v1/conversations?projectId=${project.id}`, { token: owner.token }))
      .body;
    return list.data.find((c: any) => c.lastMessagePreview === text).id;
  }

  it('goes offline, the agent sends three replies, back online: all three appear once, in order', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    const conversationId = await startChat(page, 'Where is my order?');
    await agentReply(api, owner.token, conversationId, 'Let me check.');
    await page.getByText('Let me check.').waitFor();

    await context.setOffline(true);
    await page.getByText('Reconnecting…').waitFor();
    for (const body of ['It left the warehouse.', 'It arrives Tuesday.', 'Anything else?'])
      await agentReply(api, owner.token, conversationId, body);
    await page.waitForTimeout(300);
    expect(await agentBodies(page)).toEqual(['Let me check.']);

    await context.setOffline(false);
    await page.getByText('Anything else?').waitFor();
    await page.waitForTimeout(300);
    expect(await agentBodies(page)).toEqual([
      'Let me check.',
      'It left the warehouse.',
      'It arrives Tuesday.',
      'Anything else?',
    ]);
    const seqs = await page
      .locator('.msg[data-seq]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    await context.close();
  });

  it("catches up on the server's resync hint what its socket missed, without reconnecting", async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    const conversationId = await startChat(page, 'Are you there?');
    const nsp = (t.app.get(WidgetGateway) as unknown as { nsp: Namespace }).nsp;
    // Live events stop reaching the page, as when its node's link to the other nodes is down.
    for (const socket of nsp.sockets.values())
      for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
    await agentReply(api, owner.token, conversationId, 'Sent while the link was down');
    await page.waitForTimeout(300);
    expect(await agentBodies(page)).toEqual([]);

    const socketIds = [...nsp.sockets.keys()];
    for (const socket of nsp.sockets.values()) socket.emit('resync', { reason: 'link-restored' });
    // The widget waits up to 3 s (jitter) before it acts on the hint.
    await page.getByText('Sent while the link was down').waitFor({ timeout: 6000 });
    expect(await agentBodies(page)).toEqual(['Sent while the link was down']);
    expect([...nsp.sockets.keys()]).toEqual(socketIds);
    await context.close();
  });

  it('a send made offline shows as not sent, and is delivered exactly once when back online', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    const conversationId = await startChat(page, 'Hello');
    await context.setOffline(true);
    await sendFromWidget(page, 'Sent while offline');
    await page.locator('.msg.failed').getByText('Not sent').waitFor();
    await screenshot(page, 'widget-send-failed');

    await context.setOffline(false);
    await page.locator('.msg.mine[data-seq]').nth(1).waitFor();
    expect(await page.locator('.msg.failed, .msg.pending').count()).toBe(0);
    expect(await logBodies(page)).toEqual(['Hello', 'Sent while offline']);
    // A manual retry of an already delivered id would be answered with the original: still one row.
    expect((await messagesOf(conversationId)).map((m) => m.body)).toEqual(['Hello', 'Sent while offline']);
    await context.close();
  });

  it('counts replies on the launcher while closed, blinks the title, and clears on open', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    const conversationId = await startChat(page, 'Ping');
    const unread: number[] = [];
    await page.exposeFunction('recordUnread', (n: number) => unread.push(n));
    await page.evaluate(() =>
      (window as any).Spectre('on', 'unread', (n: number) => (window as any).recordUnread(n)),
    );
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    await agentReply(api, owner.token, conversationId, 'Pong');
    await agentReply(api, owner.token, conversationId, 'Still there?');
    const badge = page.locator('.badge');
    await expect(badge.filter({ hasText: '2' }).waitFor()).resolves.toBeUndefined();
    expect(await page.getByRole('button', { name: 'Open chat' }).getAttribute('aria-describedby')).toBe(
      'sp-unread',
    );
    expect(await page.locator('#sp-unread').textContent()).toBe('2 unread messages');
    await screenshot(page, 'widget-unread-badge');
    await page.waitForFunction(() => document.title === '(2) New message', undefined, { timeout: 3000 });

    // A reload keeps the visitor: the badge comes back from the server's unread count.
    await page.reload();
    await badge.filter({ hasText: '2' }).waitFor();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByText('Still there?').waitFor();
    await badge.waitFor({ state: 'hidden' });
    expect(unread).toContain(2);
    await context.close();
  });
});
