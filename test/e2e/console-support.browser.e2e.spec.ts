// The console end to end: an owner creates a project in Settings, copies its snippet, a visitor
// writes (through the widget API), and the agent answers, notes and resolves in the console.
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { visitorSend, widgetHeaders } from '../factories/widget';
import { launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { history, inboxRow, markPage, signInToConsole, wasNotReloaded } from '../support/console';
import { httpClient, type HttpClient } from '../support/http';
import { connectWidget, settle, type Recorder } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

describe('console: from a new project to a resolved conversation', () => {
  let t: TestApp;
  let api: HttpClient;
  let browser: Browser;
  let owner: Account;
  let page: Page;
  let project: ProjectInfo;
  let visitor: { token: string; conversationId: string };
  let widget: Recorder;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    [browser, owner] = await Promise.all([launchBrowser(), registerAccount(api, 'Olivia')]);
  });
  after(async () => {
    widget?.close();
    await browser?.close();
    await t?.close();
  });

  it('creates a project in Settings and shows its embed snippet, with a copy button and the demo link', async () => {
    // The console's first project list is held until the project is created: a list that answers
    // late, fetched before the project existed, must not take it away again.
    let releaseList!: () => void;
    const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
    let staleListLanded!: () => void;
    const staleListAnswered = new Promise<void>((resolve) => (staleListLanded = resolve));
    ({ page } = await signInToConsole(browser, t.url, owner, {
      prepare: (context) =>
        context.route(
          /\/api\/v1\/projects\?teamId=/,
          async (route) => {
            const response = await route.fetch();
            await listHeld;
            await route.fulfill({ response });
            staleListLanded();
          },
          { times: 1 },
        ),
    }));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Project name').fill('Shop');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Shop' }).waitFor();
    expect(page.url()).toMatch(/\/app\/settings\/projects\/[0-9a-f-]{36}$/);
    // The console loads the inbox once its team data is in: by then the late list has been applied.
    const inboxLoaded = page.waitForRequest(/\/api\/v1\/conversations/);
    releaseList();
    await Promise.all([staleListAnswered, inboxLoaded]);

    const snippet =
      (await page.getByRole('region', { name: 'Embed snippet' }).locator('code').textContent()) ?? '';
    const key = /data-project-key="(pk_[^"]+)"/.exec(snippet)?.[1];
    expect(snippet).toBe(`<script src="${t.url}/widget.js" data-project-key="${key}" async></script>`);
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    expect(await page.getByRole('link', { name: 'Open the demo page' }).getAttribute('href')).toBe(
      `/demo?key=${key}`,
    );
    // The secret is shown once, right after creation.
    await expect(page.getByText(/^sk_/).count()).resolves.toBe(1);
    await screenshot(page, 'console-project-settings');

    const listed = await api.get('/api/v1/projects', { token: owner.token });
    const created = listed.body.data.find((p: { publicKey: string }) => p.publicKey === key);
    project = { id: created.id, publicKey: key!, secret: '', teamId: owner.teamId };
  });

  it('a visitor writes: the conversation appears live in the inbox with an unread count', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByText('No conversations here.').waitFor();
    await markPage(page);
    const first = await visitorSend(api, project, 'Hi, where is my order?', undefined, {
      visitor: { name: 'Vera Visitor', email: 'vera@example.com', metadata: { plan: 'pro' } },
    });
    visitor = { token: first.visitorToken, conversationId: first.conversation.id };
    widget = await connectWidget(t.url, { projectKey: project.publicKey, visitorToken: visitor.token });

    const row = inboxRow(page, 'Vera Visitor');
    await row.getByLabel('1 unread').waitFor();
    await expect(row.textContent()).resolves.toContain('Hi, where is my order?');
    await visitorSend(api, project, 'Order 1234', visitor);
    await row.getByLabel('2 unread').waitFor();
    expect(await wasNotReloaded(page)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-inbox');
  });

  it('the agent opens it (read), replies with Enter, and the visitor receives the reply', async () => {
    await inboxRow(page, 'Vera Visitor').click();
    await history(page).getByText('Order 1234').waitFor();
    // Opening it marks it read: the unread badge goes (once the read marker has been stored).
    await inboxRow(page, 'Vera Visitor').getByLabel(/unread/).waitFor({ state: 'detached' });
    const profile = page.getByRole('complementary', { name: 'Visitor' });
    await profile.getByText('vera@example.com').waitFor();
    await profile.getByText('pro').waitFor();

    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Your order ships today.');
    await reply.press('Enter');
    const received = await widget.waitFor(
      'message.created',
      (p) => p.message.body === 'Your order ships today.',
    );
    expect(received.message.sender).toBe('agent');
    await history(page).getByText('Your order ships today.').waitFor();
    expect(await reply.inputValue()).toBe('');
  });

  it('a private note is shown as one in the console and never reaches the visitor', async () => {
    await page.getByRole('button', { name: 'Private note' }).click();
    await page.getByText('only your team sees this').waitFor();
    await page.getByRole('textbox', { name: 'Reply' }).fill('VIP customer, be nice');
    await page.getByRole('button', { name: 'Send' }).click();
    const note = history(page).getByRole('listitem').filter({ hasText: 'VIP customer, be nice' });
    await note.getByText(/Internal note/).waitFor();
    await screenshot(page, 'console-conversation-note');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Reply to visitor' }).click();

    await settle();
    const seen = await api.get(`/api/v1/messages/conversations/${visitor.conversationId}`, {
      headers: widgetHeaders(project.publicKey, visitor.token),
    });
    const bodies = seen.body.data.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(['Hi, where is my order?', 'Order 1234', 'Your order ships today.']);
    expect(widget.of('message.created').map((p) => p.message.body)).not.toContain('VIP customer, be nice');
  });

  it('resolves the conversation', async () => {
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('Status: resolved').waitFor();
    const res = await api.get(`/api/v1/conversations/${visitor.conversationId}`, { token: owner.token });
    expect(res.body.data.status).toBe('resolved');
    await widget.waitFor('conversation.updated', (p) => p.conversation.status === 'resolved');
    // The inbox shows open conversations by default: the resolved one leaves it.
    await inboxRow(page, 'Vera Visitor').waitFor({ state: 'detached' });
    await screenshot(page, 'console-resolved');
  });
});
