import { describe, it } from 'node:test';
import { expect } from 'expect';
import { MAIL_TRANSPORT } from '../../src/platform/mail/mail-transport';
import type { MemoryMailTransport } from '../../src/platform/mail/nodemailer-transports';
import { registerAccount } from '../factories/accounts';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { consoleTestEnv, waitSignedIn } from '../support/console';
import { httpClient } from '../support/http';
import { settle } from '../support/sockets';

describe('console: forgot password, reset, and notification switches', () => {
  const env = consoleTestEnv();

  /** The reset link's path in the mail to `email` (the test app keeps mails in memory). */
  async function resetPathMailedTo(email: string): Promise<string> {
    const transport = env.t.app.get<MemoryMailTransport>(MAIL_TRANSPORT);
    for (let i = 0; i < 200; i++) {
      const mail = transport.sent.find((m) => m.mail.to === email && m.mail.subject.startsWith('Reset'));
      const match = mail && /\/app\/reset-password\/\S+/.exec(mail.mail.text);
      if (match) return match[0];
      await settle(50);
    }
    throw new Error(`no reset mail to ${email}`);
  }

  it('asks for a link from the sign-in screen, sets a new password with it, then signs in', async () => {
    const api = httpClient(env.t.url);
    const account = await registerAccount(api, 'Forgetful');
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.t.url}/app`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-forgot-password');
    await page.getByLabel('Email').fill(account.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(account.email);
    await screenshot(page, 'console-forgot-password-sent');

    await page.goto(env.t.url + (await resetPathMailedTo(account.email)));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    // The browser's own check (minlength) keeps the form from going out.
    await expect(
      page.getByLabel('New password', { exact: true }).evaluate((i: HTMLInputElement) => i.validity.valid),
    ).resolves.toBe(false);
    await page.getByLabel('New password', { exact: true }).fill('my-new-long-password');
    await screenshot(page, 'console-reset-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await screenshot(page, 'console-reset-password-done');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill('my-new-long-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitSignedIn(page);

    // The same link again: refused, and said so.
    await page.goto(env.t.url + (await resetPathMailedTo(account.email)));
    await page.getByLabel('New password', { exact: true }).fill('another-long-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/already used or expired/);
    await page.context().close();
  });

  it('turns a notification kind off from the account settings', async () => {
    const api = httpClient(env.t.url);
    const account = await registerAccount(api, 'Switcher');
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.t.url}/app`);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitSignedIn(page);
    await page.goto(`${env.t.url}/app/settings/account`);
    const box = page.getByLabel('New conversations while nobody is online');
    await page.locator('#notify-newConversation:not([disabled])').waitFor();
    await expect(box.isChecked()).resolves.toBe(true);
    await box.uncheck();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Saved.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-account-notifications');
    const me = await api.get('/api/v1/auth/me', { token: account.token });
    expect(me.body.data.notifications).toEqual({ newConversation: false, webhookDisabled: true });
    await page.context().close();
  });
});
