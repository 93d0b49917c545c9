import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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
