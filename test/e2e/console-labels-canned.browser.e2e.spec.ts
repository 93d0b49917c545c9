// The console's labels and canned responses in Chromium: the settings pages, a label set from the
// conversation header (chips in the header and the inbox), the inbox's label filter, and the
// reply box's "/" picker (keyboard only, variables filled in before sending).
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Page } from 'playwright-core';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { visitorSend } from '../factories/widget';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { consoleTestEnv, history, inboxRow, signInToConsole } from '../support/console';
import { httpClient, type HttpClient } from '../support/http';

describe('console: labels and canned responses', () => {
  const env = consoleTestEnv();
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let page: Page;

  const settings = async (section: 'Labels' | 'Canned responses') => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: section }).click();
    await page.getByRole('heading', { name: section, level: 1 }).waitFor();
  };
  const reply = () => page.getByLabel('Reply', { exact: true });
  // The select's name is its label's text and its value ("Label Any label").
  const labelFilter = () => page.getByRole('combobox', { name: /^Label\b/ });

  before(async () => {
    api = httpClient(env.t.url);
    owner = await registerAccount(api, 'Olivia');
    project = await createProject(api, owner);
    for (const [name, body] of [
      ['Vera Visitor', 'My invoice is wrong'],
      ['Walter Visitor', 'Where is my parcel?'],
    ]) {
      await visitorSend(api, project, body, undefined, { visitor: { name } });
    }
    ({ page } = await signInToConsole(env.browser, env.t.url, owner));
  });
  after(() => page?.context().close());

  it('creates labels in Settings → Labels, with a colour', async () => {
    await settings('Labels');
    await page.getByText('No labels yet.').waitFor();
    for (const [name, color] of [
      ['Billing', '#d73a49'],
      ['Shipping', '#1f883d'],
    ]) {
      await page.getByLabel('New label').fill(name);
      await page.getByLabel('Colour', { exact: true }).fill(color);
      await page.getByRole('button', { name: 'Add label' }).click();
      await page.getByLabel(`Name of label ${name.toLowerCase()}`).waitFor();
    }
    await expect(page.getByLabel('Colour of label billing').inputValue()).resolves.toBe('#d73a49');
    await page.getByLabel('New label').fill('billing');
    await page.getByRole('button', { name: 'Add label' }).click();
    await page
      .getByRole('alert')
      .getByText(/already has a label/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-labels-settings');
  });

  it('creates canned responses in Settings → Canned responses', async () => {
    await settings('Canned responses');
    const add = async (shortcut: string, title: string, body: string) => {
      await page.getByLabel('Shortcut').fill(shortcut);
      await page.getByLabel('Title (optional)').fill(title);
      await page.getByLabel('Text', { exact: true }).fill(body);
      await page.getByRole('button', { name: 'Add canned response' }).click();
      await page.getByRole('button', { name: `Edit /${shortcut}` }).waitFor();
    };
    await add(
      'thanks',
      'Thanks',
      'Thanks {{visitor.name | there}}, {{agent.name}} from {{project.name}} here.',
    );
    await add('refund', 'Refund sent', 'Your refund is on its way.');
    await add('invoice', 'Invoice copy', 'I have sent a thank-you note and a new invoice.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-canned-settings');
  });

  it('labels a conversation from its header: chips there and on its inbox row', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await inboxRow(page, 'Vera Visitor').click();
    const head = page.getByRole('region', { name: 'Conversation' }).locator('header');
    await head.getByText('Labels', { exact: true }).click();
    await page.getByRole('group', { name: 'Labels of this conversation' }).getByLabel('billing').check();
    await head.getByRole('list', { name: 'Labels' }).getByText('billing').waitFor();
    await inboxRow(page, 'Vera Visitor').getByRole('list', { name: 'Labels' }).getByText('billing').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-label-picker');
    await head.getByText('Labels', { exact: true }).click(); // closes the pop-over
  });

  it('filters the inbox by label', async () => {
    await inboxRow(page, 'Walter Visitor').waitFor();
    await labelFilter().selectOption({ label: 'billing' });
    await inboxRow(page, 'Walter Visitor').waitFor({ state: 'detached' });
    await inboxRow(page, 'Vera Visitor').waitFor();
    await labelFilter().selectOption({ label: 'shipping' });
    await page.getByText('No conversations here.').waitFor();
    await screenshot(page, 'console-label-filter');
    await labelFilter().selectOption({ label: 'Any label' });
    await inboxRow(page, 'Walter Visitor').waitFor();
  });

  it('inserts a canned response with "/", the arrow keys and Enter, its variables filled in', async () => {
    await inboxRow(page, 'Vera Visitor').click();
    await reply().click();
    await page.keyboard.type('/th');
    const picker = page.getByRole('listbox', { name: 'Canned responses' });
    // Shortcut prefix first, then a title or body word ("thank-you" in /invoice's body).
    await expect(picker.getByRole('option').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^\/thanksThanks/),
      expect.stringMatching(/^\/invoice/),
    ]);
    const combobox = page.getByRole('combobox', { name: 'Reply' });
    await expect(combobox.getAttribute('aria-expanded')).resolves.toBe('true');
    const selected = () => picker.getByRole('option', { selected: true }).textContent();
    await expect(selected()).resolves.toMatch(/^\/thanks/);
    await page.keyboard.press('ArrowDown');
    await expect(selected()).resolves.toMatch(/^\/invoice/);
    await expect(combobox.getAttribute('aria-activedescendant')).resolves.toBe(
      await picker.getByRole('option', { selected: true }).getAttribute('id'),
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-canned-picker');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await expect(reply().inputValue()).resolves.toBe('Thanks Vera Visitor, Olivia from Website here.');
    // The picker took that Enter; the next one sends.
    await expect(history(page).getByText('Thanks Vera Visitor').count()).resolves.toBe(0);
    await page.keyboard.press('Enter');
    await history(page).getByText('Thanks Vera Visitor, Olivia from Website here.').waitFor();
    await page.getByRole('textbox', { name: 'Reply' }).waitFor();
  });

  it('closes the picker with Escape and keeps the text as typed', async () => {
    await reply().click();
    await page.keyboard.type('/ref');
    const picker = page.getByRole('listbox', { name: 'Canned responses' });
    await picker.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await expect(reply().inputValue()).resolves.toBe('/ref');
    await expect(reply().getAttribute('role')).resolves.toBeNull();
    // Typing on asks again; nothing matches "/refx".
    await page.keyboard.type('x');
    await page.getByRole('status').getByText('No canned response matches “/refx”').waitFor();
  });
});
