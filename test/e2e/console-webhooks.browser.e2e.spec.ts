// An admin sets up a webhook in the console against a receiver started here: secret once, test, log, retry.
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { visitorSend } from '../factories/widget';
import { launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { signInToConsole } from '../support/console';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../support/webhook-receiver';

describe('console: a project’s webhooks', () => {
  let s: AppWithProject;
  let browser: Browser;
  let page: Page;
  let receiver: WebhookReceiver;

  before(async () => {
    [s, browser, receiver] = await Promise.all([
      startAppWithProject({
        owner: 'Olivia',
        env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '600000' },
      }),
      launchBrowser(),
      startWebhookReceiver(),
    ]);
    ({ page } = await signInToConsole(browser, s.t.url, s.owner));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${s.t.url}/app/settings/projects/${s.project.id}`);
  });
  after(async () => {
    await browser?.close();
    await s?.t.close();
    await receiver?.close();
  });

  const card = () => page.getByRole('region', { name: 'Webhooks' });
  const item = () => card().getByRole('listitem', { name: `Webhook ${receiver.url}` });
  const log = () => item().getByRole('table', { name: 'Delivery log' });

  it('creates an endpoint and shows its signing secret once; a test event arrives signed with it', async () => {
    await card().getByLabel('Endpoint URL').fill(receiver.url);
    await card().getByRole('checkbox', { name: 'message.created' }).check();
    await card().getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await item().locator('.secret code').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await item().getByText('Events: message.created').waitFor();

    await item().getByRole('button', { name: 'Send test event' }).click();
    const [ping] = await receiver.waitFor(1);
    expect(ping.body.type).toBe('ping');
    expect(verifySignature(ping.headers['spectre-signature'] as string, ping.raw, secret)).toBe(true);
    await item().getByRole('button', { name: 'Refresh log' }).click();
    await log()
      .getByRole('row', { name: /ping.*delivered/ })
      .waitFor();
    await screenshot(page, 'console-webhooks-created');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.reload();
    await item().waitFor();
    await expect(item().locator('.secret').count()).resolves.toBe(0);
  });

  it('lists each attempt of a failing delivery and sends it again on Retry', async () => {
    receiver.respond = () => ({ status: 500 });
    await visitorSend(s.api, s.project, 'Where is my order?');
    await receiver.waitFor(1, (r) => r.body.type === 'message.created');
    await item().getByRole('button', { name: 'Refresh log' }).click();
    const failing = log().getByRole('row', { name: /message\.created.*pending.*500/ });
    await failing.waitFor();

    receiver.respond = () => ({ status: 200 });
    await failing.getByRole('button', { name: /^Retry message\.created/ }).click();
    await receiver.waitFor(2, (r) => r.body.type === 'message.created');
    await item().getByRole('button', { name: 'Refresh log' }).click();
    const delivered = log().getByRole('row', { name: /message\.created.*delivered/ });
    await delivered.waitFor();
    await expect(delivered.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^500 · \d+ ms$/),
      expect.stringMatching(/^200 · \d+ ms$/),
    ]);
    await screenshot(page, 'console-webhooks-log');
  });

  it('rotates the secret, turns the endpoint off and on, and deletes it after confirmation', async () => {
    await item().getByRole('button', { name: 'Rotate secret' }).click();
    await item().getByText('Copy the signing secret now').waitFor();
    await item()
      .getByText(/previous secret also signs until/)
      .waitFor();
    await item().getByRole('button', { name: 'Disable' }).click();
    await item().getByText('off', { exact: true }).waitFor();
    await item().getByRole('button', { name: 'Enable' }).click();
    await item().getByText('on', { exact: true }).waitFor();
    await screenshot(page, 'console-webhooks-rotated');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await item().getByRole('button', { name: 'Delete' }).click();
    await item().waitFor({ state: 'detached' });
    const left = await s.api.get(`/api/v1/projects/${s.project.id}/webhooks`, { token: s.owner.token });
    expect(left.body.data).toEqual([]);
  });
});
