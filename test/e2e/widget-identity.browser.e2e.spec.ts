import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { createProject, type Account, type ProjectInfo } from '../factories/accounts';
import { screenshot, type HostSite } from '../support/browser';
import { countRows } from '../support/db';
import type { HttpClient } from '../support/http';
import type { TestApp } from '../support/test-app';
import {
  embedPage,
  logBodies,
  openWidget,
  sendFromWidget,
  startWidgetTestEnv,
  type WidgetTestEnv,
} from '../support/widget-page';

describe('widget in a real browser: identity, shutdown, and refusals', () => {
  let env: WidgetTestEnv;
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let browser: Browser;
  let site: HostSite;

  before(async () => {
    env = await startWidgetTestEnv({ settings: { name: 'Acme Support', color: '#23395b' } });
    ({ t, api, owner, project, browser, site } = env);
  });
  after(() => env?.close());

  const warningsOf = (page: Page): string[] => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    return warnings;
  };
  const conversationOfPreview = async (preview: string) => {
    const list = await api.get(`/api/v1/conversations?projectId=${project.id}`, { token: owner.token });
    const item = list.body.data.find((c: any) => c.lastMessagePreview === preview);
    return (await api.get(`/api/v1/conversations/${item.id}`, { token: owner.token })).body.data;
  };
  const identifyScript = (externalId: string, userHash: string) =>
    `Spectre('identify', ${JSON.stringify({ externalId, userHash, name: 'Vera Lind', email: 'vera@example.com' })});`;
  const hmac = (id: string) => createHmac('sha256', project.secret!).update(id).digest('hex');

  it('identify with a valid userHash makes a verified visitor; a wrong one is refused and writes nothing', async () => {
    const context = await browser.newContext();
    const valid = embedPage(site, '/valid', t.url, project.publicKey, {
      before: identifyScript('user-42', hmac('user-42')),
    });
    const page = await openWidget(context, valid);
    await sendFromWidget(page, 'Hi, I am Vera');
    await page.locator('.msg.mine[data-seq]').waitFor();
    const conversation = await conversationOfPreview('Hi, I am Vera');
    expect(conversation.visitor).toMatchObject({ externalId: 'user-42', verified: true, name: 'Vera Lind' });
    await context.close();

    const other = await browser.newContext();
    const forged = embedPage(site, '/forged', t.url, project.publicKey, {
      before: identifyScript('user-42', hmac('user-43')),
    });
    const page2 = await other.newPage();
    const warnings = warningsOf(page2);
    await page2.goto(forged);
    await page2.getByRole('button', { name: 'Open chat' }).click();
    await page2.getByRole('textbox', { name: 'Message' }).waitFor();
    for (let i = 0; i < 50 && !warnings.some((w) => w.includes('IDENTITY_VERIFICATION_FAILED')); i++)
      await page2.waitForTimeout(100);
    expect(warnings.join('\n')).toContain('IDENTITY_VERIFICATION_FAILED');
    // Nobody else's history: the forged page shows nothing of Vera's, and stored no visitor.
    expect(await logBodies(page2)).toEqual([]);
    expect(await countRows(t, 'visitors', `project_id = '${project.id}'`)).toBe(1);
    await other.close();
  });

  it("shutdown forgets the visitor on this browser (the site's logout)", async () => {
    const context = await browser.newContext();
    const url = embedPage(site, '/shop', t.url, project.publicKey);
    const page = await openWidget(context, url);
    await sendFromWidget(page, 'Before logout');
    await page.locator('.msg.mine[data-seq]').waitFor();
    const storageKey = `spectre:${project.publicKey}:visitor`;
    expect(await page.evaluate((k) => localStorage.getItem(k), storageKey)).toContain('token');

    await page.evaluate(() => (window as any).Spectre('shutdown'));
    expect(await page.evaluate((k) => localStorage.getItem(k), storageKey)).toBeNull();
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.waitForTimeout(300);
    expect(await logBodies(page)).toEqual([]);
    await sendFromWidget(page, 'After logout');
    await page.locator('.msg.mine[data-seq]').waitFor();
    const [before, afterLogout] = await Promise.all([
      conversationOfPreview('Before logout'),
      conversationOfPreview('After logout'),
    ]);
    expect(afterLogout.visitor.id).not.toBe(before.visitor.id);
    await context.close();
  });

  it('on an origin the project does not allow: a clear message, a console warning, nothing written', async () => {
    const closed = await createProject(api, owner, { allowedOrigins: ['https://shop.example.com'] });
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings = warningsOf(page);
    await page.goto(embedPage(site, '/elsewhere', t.url, closed.publicKey));
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('alert').getByText('This chat is not enabled on this website.').waitFor();
    expect(warnings.join('\n')).toContain('ORIGIN_NOT_ALLOWED');
    expect(await page.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);
    await screenshot(page, 'widget-origin-refused');
    for (const table of ['visitors', 'conversations'])
      expect(await countRows(t, table, `project_id = '${closed.id}'`)).toBe(0);
    await context.close();
  });

  it('with an unknown key says so; strings follow the locale', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings = warningsOf(page);
    await page.goto(embedPage(site, '/wrong-key', t.url, 'pk_doesnotexist', { settings: { locale: 'fr' } }));
    await page.getByRole('button', { name: 'Ouvrir le chat' }).click();
    await page
      .getByRole('alert')
      .getByText("Ce chat n'est pas configuré correctement (clé de projet inconnue).")
      .waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer' }).isDisabled()).toBe(true);
    expect(warnings.join('\n')).toContain('PROJECT_KEY_INVALID');
    await context.close();
  });
});
