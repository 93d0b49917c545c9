import { before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Page } from 'playwright-core';
import { registerAccount, uniqueEmail, type Account } from '../factories/accounts';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { CONSOLE_PASSWORD, consoleTestEnv, submitSignUp as signUpOn, waitSignedIn } from '../support/console';
import { httpClient, type HttpClient } from '../support/http';

describe('console: accepting an invitation from its link', () => {
  const env = consoleTestEnv();
  let api: HttpClient;
  let owner: Account;

  before(async () => {
    api = httpClient(env.t.url);
    owner = await registerAccount(api, 'Owner');
    await api.patch(`/api/v1/teams/${owner.teamId}`, { token: owner.token, body: { name: 'Acme Support' } });
  });

  const invite = async (email: string): Promise<string> => {
    const res = await api.post(`/api/v1/teams/${owner.teamId}/invitations`, {
      token: owner.token,
      body: { email, role: 'agent' },
    });
    expect(res.body.data.acceptPath).toBe(`/app/invite/${res.body.data.token}`);
    return env.t.url + res.body.data.acceptPath;
  };

  /** A new browser context's page at the invitation link. */
  async function openLink(link: string): Promise<Page> {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(link);
    return page;
  }

  it('a new agent signs up from the link and is in the team at once, with no team of their own', async () => {
    const email = uniqueEmail('invitee');
    const page = await openLink(await invite(email));
    await page.getByRole('heading', { name: 'Join your team on Spectre' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-invite-sign-up');
    await signUpOn(page, 'Ivy Invitee', email);
    await waitSignedIn(page);
    expect(page.url()).toBe(`${env.t.url}/app`);
    await expect(page.locator('.team-name').textContent()).resolves.toBe('Acme Support');
    await screenshot(page, 'console-invite-joined');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const members = await api.get(`/api/v1/teams/${owner.teamId}/members`, { token: owner.token });
    expect(members.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ email, name: 'Ivy Invitee', role: 'agent' })]),
    );
    await page.context().close();
  });

  it('signing up from the link with another email is refused, and the invitation stays usable', async () => {
    const email = uniqueEmail('meant');
    const page = await openLink(await invite(email));
    const other = uniqueEmail('other');
    await signUpOn(page, 'Wrong Person', other);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/sent to another email address/);
    await screenshot(page, 'console-invite-sign-up-mismatch');
    expect(
      (await api.post('/api/v1/auth/login', { body: { email: other, password: CONSOLE_PASSWORD } })).status,
    ).toBe(401);
    await signUpOn(page, 'Right Person', email);
    await waitSignedIn(page);
    await page.context().close();
  });

  it('someone signed in with another email is told so, and the invitation stays usable', async () => {
    const email = uniqueEmail('meant');
    const link = await invite(email);
    const page = await openLink(link);
    // Signed in (not signed up) with another account: the link asks to accept, which is refused.
    const wrong = await registerAccount(api, 'Wrong');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(wrong.email);
    await page.getByLabel('Password').fill(wrong.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/sent to another email address/);
    await screenshot(page, 'console-invite-mismatch');

    await page.getByRole('button', { name: 'Use another account' }).click();
    // Back on the invitation, signed out, in the sign-in form used last: switch to creating an account.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    expect(page.url()).toBe(link);
    await signUpOn(page, 'Right Person', email);
    await waitSignedIn(page);
    await page.context().close();
  });
});
