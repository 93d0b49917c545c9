import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, startHostSite, type HostSite } from '../support/browser';
import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const SITE = 'https://shop.example.com';

describe('web assets: the console, the widget script and the demo page', () => {
  let t: TestApp;
  let api: HttpClient;
  let browser: Browser;
  let site: HostSite;

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    [browser, site] = await Promise.all([launchBrowser(), startHostSite()]);
  });
  after(async () => {
    await Promise.all([browser?.close(), site?.close()]);
    await t?.close();
  });

  it('redirects / to the console, which every client-side route serves, revalidated', async () => {
    const root = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app');
    for (const path of ['/app', '/app/conversations/123']) {
      const res = await api.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(String(res.body)).toContain('<div id="app">');
    }
  });

  it('serves /widget.js to any site with a short cache, and its hashed chunks for a year', async () => {
    const loader = await api.get('/widget.js', { headers: { origin: SITE } });
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const chunk = /widget\/[\w-]+\.js/.exec(String(loader.body))?.[0];
    expect(chunk).toBeDefined();
    const panel = await api.get(`/${chunk}`, { headers: { origin: SITE } });
    expect(panel.status).toBe(200);
    expect(panel.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(panel.headers.get('access-control-allow-origin')).toBe('*');
    // The build's manifest is not public.
    expect((await api.get('/widget/.vite/manifest.json')).status).toBe(404);
  });

  it('answers a malformed demo key with the error envelope, and escapes nothing into the page', async () => {
    const res = await api.get('/demo?key=%3Cscript%3E');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.headers.get('x-request-id')).toBe(res.body.requestId);
  });

  it('the demo page embeds the widget, which mounts in a shadow root on a page of another origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.url}/demo?key=pk_demo`);
    await page.waitForSelector('#spectre-widget', { state: 'attached' });
    expect(await page.evaluate(() => document.querySelector('#spectre-widget')?.shadowRoot !== null)).toBe(
      true,
    );
    await screenshot(page, 'demo-page');

    const errors: string[] = [];
    const foreign = await context.newPage();
    foreign.on('pageerror', (err) => errors.push(err.message));
    await foreign.goto(
      site.page(
        '/shop',
        `<!doctype html><title>Shop</title><h1>Shop</h1><script src="${t.url}/widget.js" data-project-key="pk_demo" async></script>`,
      ),
    );
    await foreign.waitForSelector('#spectre-widget', { state: 'attached' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
