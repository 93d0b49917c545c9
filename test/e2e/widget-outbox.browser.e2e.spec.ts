import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { Account, ProjectInfo } from '../factories/accounts';
import { type HostSite } from '../support/browser';
import type { HttpClient } from '../support/http';
import {
  logBodies,
  openWidget,
  sendFromWidget,
  startWidgetTestEnv,
  type WidgetTestEnv,
} from '../support/widget-page';

// Sends that meet a passing outage are retried by themselves; a logout while one is in flight
// leaves no token behind.
describe('widget in a real browser: sends through outages and logouts', () => {
  let env: WidgetTestEnv;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let browser: Browser;
  let site: HostSite;
  let url: string;

  before(async () => {
    env = await startWidgetTestEnv({ owner: 'Sam', settings: { name: 'Acme Support' } });
    ({ api, owner, project, browser, site, url } = env);
  });
  after(() => env?.close());

  /** Routes the widget's sends (POST /api/v1/messages) through `handle`; the rest goes on. */
  const onSend = (page: Page, handle: (route: Route) => Promise<void>) =>
    page.route(
      (u) => u.pathname === '/api/v1/messages',
      (route) => (route.request().method() === 'POST' ? handle(route) : route.continue()),
    );
  const sentIds = (route: Route): string => route.request().postDataJSON().clientMessageId;

  async function startChat(
    context: BrowserContext,
    text: string,
  ): Promise<{ page: Page; conversationId: string }> {
    const page = await openWidget(context, url);
    await sendFromWidget(page, text);
    await page.locator('.msg.mine[data-seq]').waitFor();
    const list = (await api.get(`/api/v1/conversations?projectId=${project.id}`, { token: owner.token }))
      .body;
    return { page, conversationId: list.data.find((c: any) => c.lastMessagePreview === text).id };
  }

  async function expectSentOnce(page: Page, conversationId: string, bodies: string[]): Promise<void> {
    await page
      .locator('.msg.mine[data-seq]')
      .nth(bodies.length - 1)
      .waitFor({ timeout: 5000 });
    expect(await page.locator('.msg.failed, .msg.pending').count()).toBe(0);
    expect(await logBodies(page)).toEqual(bodies);
    const stored = (await api.get(`/api/v1/conversations/${conversationId}/messages`, { token: owner.token }))
      .body.data;
    expect(stored.map((m: { body: string }) => m.body)).toEqual(bodies);
  }

  it('a 503 with Retry-After is retried by itself, with the same clientMessageId, and stored once', async () => {
    const context = await browser.newContext();
    const { page, conversationId } = await startChat(context, 'Hello');
    const ids: string[] = [];
    await onSend(page, async (route) => {
      ids.push(sentIds(route));
      if (ids.length > 1) return route.continue();
      // (Had it reached the server, the live message.created would settle it without a retry.)
      await route.fulfill({
        status: 503,
        headers: {
          'access-control-allow-origin': site.origin,
          'access-control-expose-headers': 'retry-after',
          'retry-after': '1',
        },
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again' },
          requestId: 'r',
        }),
      });
    });
    await sendFromWidget(page, 'Through the outage');
    await expectSentOnce(page, conversationId, ['Hello', 'Through the outage']);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    await context.close();
  });

  it('a network error while the browser is online is retried by itself', async () => {
    const context = await browser.newContext();
    const { page, conversationId } = await startChat(context, 'Hi there');
    const ids: string[] = [];
    await onSend(page, async (route) => {
      ids.push(sentIds(route));
      return ids.length > 1 ? route.continue() : route.abort('connectionreset');
    });
    await sendFromWidget(page, 'After a reset');
    await expectSentOnce(page, conversationId, ['Hi there', 'After a reset']);
    expect(ids[1]).toBe(ids[0]);
    await context.close();
  });

  it("a send in flight when the site calls Spectre('shutdown') leaves no token behind", async () => {
    const context = await browser.newContext();
    const { page } = await startChat(context, 'Logging out soon');
    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    let arrived!: () => void;
    const inFlight = new Promise<void>((done) => (arrived = done));
    await onSend(page, async (route) => {
      arrived();
      await released;
      await route.continue().catch(() => undefined); // the widget may have dropped it already
    });
    await sendFromWidget(page, 'Sent just before logout');
    await inFlight;
    await page.evaluate(() => (window as any).Spectre('shutdown'));
    release();
    await page.waitForTimeout(500);
    const stored = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(`spectre:${key}:visitor`) ?? '{}'),
      project.publicKey,
    );
    expect(stored.token).toBeUndefined();
    await context.close();
  });
});
