import { describe, it } from 'node:test';
import { expect } from 'expect';
import { uniqueEmail } from '../factories/accounts';
import { screenshot, seriousA11yViolations } from '../support/browser';
import {
  CONSOLE_PASSWORD as PASSWORD,
  consoleTestEnv,
  submitSignUp,
  waitSignedIn as signedIn,
  waitSignedOut as signedOut,
} from '../support/console';

describe('console: sign up, stay signed in across a reload, sign out, sign in', () => {
  const env = consoleTestEnv();

  it('signs up in the browser and keeps the session in an HttpOnly cookie only', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const email = uniqueEmail('console');
    await page.goto(`${env.t.url}/app`);
    await signedOut(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-sign-in');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(page.url()).toBe(`${env.t.url}/app/signup`);
    await page.getByLabel('Name').fill('Ada Agent');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await signedIn(page);
    await page.waitForURL(`${env.t.url}/app`);
    await page.getByText("Ada Agent's team").waitFor();
    await screenshot(page, 'console-signed-in');

    // The refresh token: HttpOnly, SameSite=Strict, sent to the auth routes only, unreadable by scripts.
    const cookies = await context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({
        name: 'spectre_refresh',
        path: '/api/v1/auth',
        httpOnly: true,
        sameSite: 'Strict',
      }),
    ]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toMatch(
      /rt_|eyJ/,
    );

    await page.reload();
    await signedIn(page);
    await page.getByTitle(`Signed in as ${email}`).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signedOut(page);
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await signedOut(page);

    // A wrong password is announced next to the form; the right one signs in.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Email or password is incorrect.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'console-sign-in-error');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signedIn(page);
    await context.close();
  });

  it('tells a sign-up with an email already registered to sign in instead', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.t.url}/app/signup`);
    await submitSignUp(page, 'Bob', uniqueEmail('dup'));
    await signedIn(page);
    const email = (await page.getByTitle(/^Signed in as /).getAttribute('title'))!.replace(/^Signed in as /, '');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signedOut(page);

    await page.getByRole('link', { name: 'Create an account' }).click();
    await submitSignUp(page, 'Bob again', email);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/already exists/);
    await context.close();
  });
});
