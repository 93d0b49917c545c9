// Attachments in real browsers: a visitor attaches an image in the widget (and drops a file), the
// agent sees both in the console and sends a file back, which the widget shows as a link.
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { BrowserContext, Page } from 'playwright-core';
import { solidPng } from '../factories/attachments';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { history, signInToConsole } from '../support/console';
import { openWidget, sendFromWidget, startWidgetTestEnv, type WidgetTestEnv } from '../support/widget-page';

describe('attachments in the widget and the console', () => {
  let env: WidgetTestEnv;
  let widgetContext: BrowserContext;
  let widget: Page;
  let consolePage: Page;

  before(async () => {
    env = await startWidgetTestEnv({ owner: 'Ada', settings: { name: 'Acme Support' } });
  });
  after(async () => {
    await widgetContext?.close();
    await env?.close();
  });

  it('attaches an image in the widget, with a preview once it is sent', async () => {
    widgetContext = await env.browser.newContext();
    widget = await openWidget(widgetContext, env.url);
    // Uploads belong to a conversation: the button shows once the first message opened one.
    expect(await widget.getByRole('button', { name: 'Attach a file' }).count()).toBe(0);
    await sendFromWidget(widget, 'Here is a screenshot of the error');
    await widget.getByRole('button', { name: 'Attach a file' }).waitFor();

    const chooser = widget.waitForEvent('filechooser');
    await widget.getByRole('button', { name: 'Attach a file' }).click();
    await (
      await chooser
    ).setFiles({ name: 'error.png', mimeType: 'image/png', buffer: solidPng(160, 90, [220, 38, 38]) });
    const img = widget.locator('[role="log"] .files img');
    await img.waitFor();
    // Loaded through its signed link (the <img> carries no token), at its real size.
    await widget.waitForFunction(
      () => {
        const host = document.querySelector('#spectre-widget')!.shadowRoot!;
        const el = host.querySelector<HTMLImageElement>('.files img');
        return Boolean(el && el.complete && el.naturalWidth === 160);
      },
      undefined,
      { timeout: 8000 },
    );
    expect(await img.getAttribute('alt')).toBe('error.png');

    // A file dropped on the chat is sent too, shown as a link with its size.
    await widget.evaluate(() => {
      const zone = document.querySelector('#spectre-widget')!.shadowRoot!.querySelector('.dropzone')!;
      const data = new DataTransfer();
      data.items.add(new File(['order 1234\nbroken on arrival\n'], 'notes.txt', { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await widget.getByRole('link', { name: /notes\.txt/ }).waitFor();
    expect(await seriousA11yViolations(widget)).toEqual([]);
    await screenshot(widget, 'attachments-widget');
  });

  it('shows the files in the console, and an agent sends one back that the widget lists as a link', async () => {
    ({ page: consolePage } = await signInToConsole(env.browser, env.t.url, env.owner));
    await consolePage.getByRole('list', { name: 'Conversations' }).getByRole('link').first().click();
    const log = history(consolePage);
    const preview = log.getByRole('img', { name: 'error.png' });
    await preview.waitFor();
    await consolePage.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('.msg-files img');
      return Boolean(el && el.complete && el.naturalWidth === 160);
    });
    await log.getByRole('button', { name: /notes\.txt/ }).waitFor();

    const chooser = consolePage.waitForEvent('filechooser');
    await consolePage.getByRole('button', { name: 'Attach file' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await log.getByRole('button', { name: /invoice\.pdf/ }).waitFor();
    expect(await seriousA11yViolations(consolePage)).toEqual([]);
    await screenshot(consolePage, 'attachments-console');

    await widget.getByRole('link', { name: /invoice\.pdf/ }).waitFor();
    const href = await widget.getByRole('link', { name: /invoice\.pdf/ }).getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/attachments\/[0-9a-f-]{36}\/content\?expires=\d+&signature=/);
    await screenshot(widget, 'attachments-widget-reply');
  });

  it('tells the visitor when a file is refused', async () => {
    const chooser = widget.waitForEvent('filechooser');
    await widget.getByRole('button', { name: 'Attach a file' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'tool.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    });
    await widget.getByText('tool.exe cannot be sent: this type of file is not accepted.').waitFor();
  });
});
