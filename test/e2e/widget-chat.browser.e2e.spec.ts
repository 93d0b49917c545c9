import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser } from 'playwright-core';
import type { Account, ProjectInfo } from '../factories/accounts';
import { agentReply } from '../factories/widget';
import { screenshot, seriousA11yViolations } from '../support/browser';
import type { HttpClient } from '../support/http';
import {
  logBodies,
  openWidget,
  sendFromWidget,
  startWidgetTestEnv,
  type WidgetTestEnv,
} from '../support/widget-page';

describe('widget in a real browser: a live chat on a site of another origin', () => {
  let env: WidgetTestEnv;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let browser: Browser;
  let url: string;

  before(async () => {
    env = await startWidgetTestEnv({
      owner: 'Dana',
      settings: { name: 'Acme Support', greeting: 'Hi! How can we help?', color: '#facc15' },
    });
    ({ api, owner, project, browser, url } = env);
  });
  after(() => env?.close());

  const inbox = async () =>
    (await api.get(`/api/v1/conversations?projectId=${project.id}`, { token: owner.token })).body.data;

  it('visitor writes, the agent answers through the API, the reply shows live with their name, never the note', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    // Focus moves into the panel; the greeting and the project's name are there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('spectre-widget');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeDefined();
    await page.getByRole('dialog', { name: 'Chat with Acme Support' }).waitFor();
    expect(await logBodies(page)).toEqual(['Hi! How can we help?']);

    // Shift+Enter breaks the line, Enter sends.
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello from the shop');
    await box.press('Shift+Enter');
    await box.pressSequentially('second line');
    await box.press('Enter');
    await page.locator('.msg.mine[data-seq]').waitFor();
    expect(await box.inputValue()).toBe('');

    const [conversation] = await inbox();
    expect(conversation.lastMessagePreview).toBe('Hello from the shop\nsecond line');
    await agentReply(api, owner.token, conversation.id, 'internal: VIP customer, be nice', true);
    await agentReply(api, owner.token, conversation.id, 'Hello! I am here to help.');

    const reply = page.locator('.msg.agent[data-seq]');
    await reply.waitFor();
    expect(await reply.locator('.author').textContent()).toBe('Dana');
    expect(await logBodies(page)).toEqual([
      'Hi! How can we help?',
      'Hello from the shop\nsecond line',
      'Hello! I am here to help.',
    ]);
    expect(await page.locator('#spectre-widget').evaluate((h) => h.shadowRoot!.textContent)).not.toContain(
      'internal',
    );
    await screenshot(page, 'widget-chat-reply');

    // Escape closes and gives focus back to the launcher.
    await box.press('Escape');
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    expect(await launcher.evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await context.close();
  });

  it('shows a message body of HTML as text, links clickable and safe', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const evil = '<img src=x onerror=alert(1)>';
    await sendFromWidget(page, evil);
    await page.locator('.msg.mine[data-seq]').waitFor();
    const conversation = (await inbox()).find((c: any) => c.lastMessagePreview === evil);
    await agentReply(api, owner.token, conversation.id, 'See https://example.com/help. <b>bold</b>');
    await page.locator('.msg.agent[data-seq]').waitFor();

    expect(await logBodies(page)).toEqual([
      'Hi! How can we help?',
      evil,
      'See https://example.com/help. <b>bold</b>',
    ]);
    const shadow = page.locator('#spectre-widget');
    expect(await shadow.evaluate((h) => h.shadowRoot!.querySelectorAll('.log img, .log b').length)).toBe(0);
    const link = page.getByRole('link', { name: 'https://example.com/help' });
    expect(await link.getAttribute('href')).toBe('https://example.com/help');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe-core violations in the open panel, and goes full-screen on a phone', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context, url);
    await sendFromWidget(page, 'Is the blue tent in stock?');
    await page.locator('.msg.mine[data-seq]').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'widget-open-desktop');

    await page.setViewportSize({ width: 375, height: 700 });
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 700 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'widget-open-phone');
    await context.close();
  });
});
