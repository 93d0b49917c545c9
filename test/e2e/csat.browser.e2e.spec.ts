import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { signInToConsole } from '../support/console';
import {
  logBodies,
  openWidget,
  sendFromWidget,
  startWidgetTestEnv,
  type WidgetTestEnv,
} from '../support/widget-page';

const OFFLINE = 'We are closed for the night. We answer from 9:00.';

describe('ratings, offline notice and reports in a real browser', () => {
  let env: WidgetTestEnv;
  let conversationId: string;

  before(async () => {
    env = await startWidgetTestEnv({
      owner: 'Dana',
      settings: { name: 'Acme Support', csat: { enabled: true } },
    });
  });
  after(() => env?.close());

  it('asks the visitor for a rating once the agent resolves, and takes it', async () => {
    const context = await env.browser.newContext();
    const page = await openWidget(context, env.url);
    await sendFromWidget(page, 'Where is my parcel?');
    await page.locator('.msg.mine[data-seq]').waitFor();
    const [conversation] = (
      await env.api.get(`/api/v1/conversations?projectId=${env.project.id}`, { token: env.owner.token })
    ).body.data;
    conversationId = conversation.id;
    const resolved = await env.api.patch(`/api/v1/conversations/${conversationId}`, {
      token: env.owner.token,
      body: { status: 'resolved' },
    });
    expect(resolved.status).toBe(200);

    const card = page.getByRole('form', { name: 'How did we do?' });
    await card.waitFor();
    await page.getByRole('radio', { name: '4 out of 5' }).click();
    await page.getByRole('textbox', { name: 'Comment (optional)' }).fill('Quick and friendly');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'csat-widget-rating-card');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thanks for your feedback! You rated us 4 out of 5.').waitFor();
    await screenshot(page, 'csat-widget-rated');

    // On reload the widget knows it was rated.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByText('You rated us 4 out of 5.', { exact: false }).waitFor();
    await context.close();
  });

  it('shows the rating on the conversation and the Reports page in the console', async () => {
    const { context, page } = await signInToConsole(env.browser, env.t.url, env.owner);
    await page.goto(`${env.t.url}/app/conversations/${conversationId}`);
    const rating = page.getByRole('region', { name: 'Satisfaction rating' });
    await rating.waitFor();
    expect(await rating.textContent()).toContain('Quick and friendly');
    await rating.getByLabel('Rated 4 out of 5').waitFor();
    await screenshot(page, 'csat-console-conversation');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    const perInterval = page.getByRole('table', { name: 'Per interval' });
    await perInterval.waitFor();
    const totalRow = perInterval.getByRole('row').filter({ hasText: 'Total' });
    expect(await totalRow.textContent()).toContain('4.0 (1)');
    await page.locator('.report-chart .uplot').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = await (await download).createReadStream();
    let text = '';
    for await (const chunk of csv) text += chunk;
    expect(text.split('\n')[0]).toMatch(/^interval,new conversations,/);
    expect(text).toMatch(/\ntotal,1,1,0,0,1,/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'csat-console-reports');
    await context.close();
  });

  it('outside business hours shows the offline notice and asks for an email', async () => {
    const patched = await env.api.patch(`/api/v1/projects/${env.project.id}`, {
      token: env.owner.token,
      body: {
        settings: { businessHours: { timezone: 'Europe/Paris', weekly: [], offlineMessage: OFFLINE } },
      },
    });
    expect(patched.status).toBe(200);
    const context = await env.browser.newContext();
    const page = await openWidget(context, env.url);
    await page.getByText(OFFLINE).first().waitFor();
    expect(await page.getByText('We will reply as soon as we can').count()).toBe(1);
    await sendFromWidget(page, 'Hello at 3 a.m.');
    // The offline message also arrives as a system message, once.
    await page.waitForFunction(
      () =>
        document.querySelector('#spectre-widget')?.shadowRoot?.querySelectorAll('.msg[data-seq]').length ===
        2,
    );
    expect((await logBodies(page)).filter((b) => b === OFFLINE)).toHaveLength(1);
    await page.getByLabel('Leave your email and we will reply there:').fill('night.owl@example.com');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'csat-widget-offline');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Thanks, we will reply by email.').waitFor();
    const list = (
      await env.api.get(`/api/v1/conversations?projectId=${env.project.id}`, { token: env.owner.token })
    ).body.data;
    expect(list.find((c: any) => c.visitor.email === 'night.owl@example.com')).toBeDefined();
    await context.close();
  });
});
