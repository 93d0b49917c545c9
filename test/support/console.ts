import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Account } from '../factories/accounts';
import { launchBrowser } from './browser';
import { startTestApp, type TestApp } from './test-app';

export const CONSOLE_PASSWORD = 'correct-horse-battery';

/** An app and one Chromium for a console test file, started before its tests and closed after. */
export function consoleTestEnv(): { readonly t: TestApp; readonly browser: Browser } {
  const env = {} as { t: TestApp; browser: Browser };
  before(async () => {
    [env.t, env.browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  after(async () => {
    await env.browser?.close();
    await env.t?.close();
  });
  return env;
}

/** The signed-in console shows "Sign out"; the signed-out one its sign-in heading. */
export const waitSignedIn = (page: Page) => page.getByRole('button', { name: 'Sign out' }).waitFor();
export const waitSignedOut = (page: Page) =>
  page.getByRole('heading', { name: 'Sign in to Spectre' }).waitFor();

/** Fills the sign-up form on the page as it is and submits it. */
export async function submitSignUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(CONSOLE_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** A console page signed in through the UI's sign-in form (works with any session implementation). */
export async function signInToConsole(
  browser: Browser,
  appUrl: string,
  account: Pick<Account, 'email' | 'password'>,
  options: {
    viewport?: { width: number; height: number };
    /** Runs on the new context before the console opens (to route its requests, say). */
    prepare?: (context: BrowserContext) => Promise<unknown>;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 800 } });
  // Every wait in these tests is for something the UI shows within a second or two.
  context.setDefaultTimeout(8_000);
  await options.prepare?.(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('console page error:', err.message));
  await page.goto(`${appUrl}/app`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return { context, page };
}

/** The inbox row of the conversation whose visitor is `name`. */
export const inboxRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Conversations' }).getByRole('link').filter({ hasText: name });

/** The history of the open conversation. */
export const history = (page: Page) => page.getByRole('list', { name: 'History' });

/** Marks the page so a test can tell a reload (the mark is gone) from live updates. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

export async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}
