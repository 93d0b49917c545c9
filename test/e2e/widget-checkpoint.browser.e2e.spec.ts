import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Namespace } from 'socket.io';
import { WidgetGateway } from '../../src/realtime/widget.gateway';
import type { Account, ProjectInfo } from '../factories/accounts';
import { agentReply } from '../factories/widget';
import type { HttpClient } from '../support/http';
import type { TestApp } from '../support/test-app';
import {
  logBodies,
  openWidget,
  sendFromWidget,
  startWidgetTestEnv,
  type WidgetTestEnv,
} from '../support/widget-page';

// A reply lost BEFORE a message the widget holds (its own send, numbered after the reply): the widget
// resumes from its checkpoint (last contiguous seq), not from the highest seq it holds.
describe('widget in a real browser: a hole before a held message is recovered', () => {
  let env: WidgetTestEnv;
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let browser: Browser;
  let url: string;
  let nsp: Namespace;

  before(async () => {
    env = await startWidgetTestEnv({ owner: 'Sam', settings: { name: 'Acme Support' } });
    ({ t, api, owner, project, browser, url } = env);
    nsp = (t.app.get(WidgetGateway) as unknown as { nsp: Namespace }).nsp;
  });
  after(() => env?.close());

  /** Live events stop reaching the page, as when its node's link to the other nodes is down. */
  const cutLiveEvents = () => {
    for (const socket of nsp.sockets.values())
      for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
  };
  const seqsShown = (page: Page) =>
    page.locator('.msg[data-seq]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));

  async function startChat(context: BrowserContext): Promise<{ page: Page; conversationId: string }> {
    const page = await openWidget(context, url);
    await sendFromWidget(page, 'Hi');
    await page.locator('.msg.mine[data-seq]').waitFor();
    const list = (await api.get(`/api/v1/conversations?projectId=${project.id}`, { token: owner.token }))
      .body;
    return { page, conversationId: list.data.find((c: any) => c.lastMessagePreview === 'Hi').id };
  }

  /** Hi (1), an agent reply (2) shown live, then a reply lost (3) and the visitor's own send (4). */
  async function holeBeforeOwnSend(context: BrowserContext): Promise<{ page: Page; conversationId: string }> {
    const { page, conversationId } = await startChat(context);
    await agentReply(api, owner.token, conversationId, 'Hello, how can I help?');
    await page.getByText('Hello, how can I help?').waitFor();

    cutLiveEvents();
    await agentReply(api, owner.token, conversationId, 'Lost on the way');
    await sendFromWidget(page, 'Is anyone there?');
    await page.locator('.msg.mine[data-seq]').nth(1).waitFor();
    expect(await logBodies(page)).toEqual(['Hi', 'Hello, how can I help?', 'Is anyone there?']);
    return { page, conversationId };
  }

  async function expectAllOnceInOrder(page: Page): Promise<void> {
    await page.getByText('Lost on the way').waitFor({ timeout: 6000 });
    await page.waitForTimeout(300);
    expect(await logBodies(page)).toEqual([
      'Hi',
      'Hello, how can I help?',
      'Lost on the way',
      'Is anyone there?',
    ]);
    expect(await seqsShown(page)).toEqual([1, 2, 3, 4]);
  }

  it('a reconnect replays from the checkpoint: the lost reply appears once, in order', async () => {
    const context = await browser.newContext();
    const { page } = await holeBeforeOwnSend(context);
    await context.setOffline(true);
    await page.getByText('Reconnecting…').waitFor();
    await context.setOffline(false);
    await expectAllOnceInOrder(page);
    await context.close();
  });

  it("the server's resync hint catches up from the checkpoint", async () => {
    const context = await browser.newContext();
    const { page } = await holeBeforeOwnSend(context);
    for (const socket of nsp.sockets.values()) socket.emit('resync', { reason: 'link-restored' });
    await expectAllOnceInOrder(page);
    await context.close();
  });

  it('acts on the resync hint after a random wait (jitter), not at once', async () => {
    const context = await browser.newContext();
    const { page, conversationId } = await startChat(context);
    cutLiveEvents();
    await agentReply(api, owner.token, conversationId, 'Sent during the outage');
    // Math.random() = 0.5: the widget waits half of its 3 s.
    await page.evaluate(() => (Math.random = () => 0.5));
    for (const socket of nsp.sockets.values()) socket.emit('resync', { reason: 'link-restored' });
    await page.waitForTimeout(1000);
    expect(await page.getByText('Sent during the outage').count()).toBe(0);
    await page.getByText('Sent during the outage').waitFor({ timeout: 3000 });
    await context.close();
  });

  it('marks read up to the newest message it shows, not a reply still on its way', async () => {
    const context = await browser.newContext();
    const { page, conversationId } = await startChat(context);
    const visitorRead = async (): Promise<number> =>
      (await api.get(`/api/v1/conversations/${conversationId}`, { token: owner.token })).body.data
        .visitorLastReadSeq;
    cutLiveEvents();
    await agentReply(api, owner.token, conversationId, 'Not shown yet');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.waitForTimeout(500);
    expect(await visitorRead()).toBe(1);

    // Once the reply is shown (replayed on reconnect) while the chat is open, it is read.
    await context.setOffline(true);
    await page.getByText('Reconnecting…').waitFor();
    await context.setOffline(false);
    await page.getByText('Not shown yet').waitFor();
    await expect(poll(visitorRead, (seq) => seq === 2)).resolves.toBe(2);
    await context.close();
  });
});

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
