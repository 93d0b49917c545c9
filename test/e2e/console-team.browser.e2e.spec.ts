// Two agents of one team see each other's work live; an agent of another team sees none of it.
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Browser, Page } from 'playwright-core';
import { registerAccount, registerMember, type Account } from '../factories/accounts';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { visitorSend } from '../factories/widget';
import { launchBrowser, screenshot } from '../support/browser';
import { history, inboxRow, signInToConsole } from '../support/console';
import { settle } from '../support/sockets';

describe('console: a team of agents, and another team', () => {
  let s: AppWithProject;
  let browser: Browser;
  let bob: Account;
  let outsider: Account;
  let olivia: Page;
  let bobPage: Page;
  let outsiderPage: Page;
  let conversationId: string;

  before(async () => {
    s = await startAppWithProject({ owner: 'Olivia' });
    [browser, bob, outsider] = await Promise.all([
      launchBrowser(),
      registerMember(s.api, s.owner, 'Bob', 'agent'),
      registerAccount(s.api, 'Oscar'),
    ]);
    [{ page: olivia }, { page: bobPage }, { page: outsiderPage }] = await Promise.all([
      signInToConsole(browser, s.t.url, s.owner),
      // Bob works on a tablet.
      signInToConsole(browser, s.t.url, bob, { viewport: { width: 1024, height: 768 } }),
      signInToConsole(browser, s.t.url, outsider),
    ]);
  });
  after(async () => {
    await browser?.close();
    await s?.t.close();
  });

  it('both agents see a new conversation live; each sees the other online', async () => {
    const first = await visitorSend(s.api, s.project, 'My parcel is late', undefined, {
      visitor: { name: 'Vic Visitor' },
    });
    conversationId = first.conversation.id;
    await Promise.all([
      inboxRow(olivia, 'Vic Visitor').waitFor(),
      inboxRow(bobPage, 'Vic Visitor').waitFor(),
    ]);
    await olivia.getByLabel('Presence').getByText('Online: Bob').waitFor();
    await bobPage.getByLabel('Presence').getByText('Online: Olivia').waitFor();
  });

  it("a reply by one agent appears live in the other's open conversation; assignment shows in both inboxes", async () => {
    await Promise.all([inboxRow(olivia, 'Vic Visitor').click(), inboxRow(bobPage, 'Vic Visitor').click()]);
    await history(bobPage).getByText('My parcel is late').waitFor();
    await olivia.getByRole('button', { name: 'Assign to me' }).click();
    await bobPage.getByLabel('Assignee').getByRole('option', { name: 'Olivia', selected: true }).waitFor({
      state: 'attached',
    });
    await inboxRow(bobPage, 'Vic Visitor').getByText('Olivia').waitFor();

    const reply = olivia.getByRole('textbox', { name: 'Reply' });
    await reply.pressSequentially('On its way', { delay: 20 });
    await bobPage.getByText('Olivia is typing…').waitFor();
    await reply.press('Enter');
    await history(bobPage).getByText('On its way').waitFor();
    await expect(bobPage.getByText('Olivia is typing…').count()).resolves.toBe(0);
    await bobPage.getByRole('button', { name: 'Visitor profile' }).click();
    await bobPage.getByRole('complementary', { name: 'Visitor' }).getByText('Vic Visitor').waitFor();
    await screenshot(bobPage, 'console-tablet-conversation');
    // The drawer covers its own toggle on a tablet: it closes from inside.
    const profile = bobPage.getByRole('complementary', { name: 'Visitor' });
    await profile.getByRole('button', { name: 'Close' }).click();
    await profile.waitFor({ state: 'hidden' });
    expect(await bobPage.getByRole('button', { name: 'Visitor profile' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
  });

  it('a keyboard user moves between conversations, focuses the reply box and reads the help', async () => {
    await visitorSend(s.api, s.project, 'Second question', undefined, { visitor: { name: 'Wendy' } });
    await inboxRow(olivia, 'Wendy').waitFor();
    await olivia.getByRole('heading', { name: 'Vic Visitor' }).click();
    await olivia.keyboard.press('k');
    await olivia.waitForURL(/\/app\/conversations\//);
    await history(olivia).getByText('Second question').waitFor();
    await olivia.keyboard.press('j');
    await history(olivia).getByText('My parcel is late').waitFor();
    await olivia.keyboard.press('r');
    await olivia.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Reply');
    await olivia.keyboard.press('Escape');
    await olivia.keyboard.press('?');
    await olivia.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(olivia, 'console-shortcuts');
    await olivia.keyboard.press('Escape');
    await olivia.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('an agent of another team sees none of it, live or by address', async () => {
    await settle();
    await expect(
      outsiderPage.getByRole('list', { name: 'Conversations' }).getByRole('link').count(),
    ).resolves.toBe(0);
    await outsiderPage.getByText('No conversations here.').waitFor();
    // Following a link to the conversation shows an error, not its content.
    await outsiderPage.evaluate((id) => {
      window.history.pushState(null, '', `/app/conversations/${id}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, conversationId);
    await outsiderPage.getByRole('alert').waitFor();
    expect(await outsiderPage.getByText('My parcel is late').count()).toBe(0);
    expect(await outsiderPage.getByText('Vic Visitor').count()).toBe(0);
  });

  it('after a sign-out, the next user of the same tab sees nothing of the previous one', async () => {
    await olivia.getByRole('button', { name: 'Sign out' }).click();
    // The sign-in form shows once the server has ended the session; until then the previous user is
    // still signed in and their inbox on screen. From then on, watch for their data showing at any
    // moment, not just at the end.
    await olivia.getByLabel('Email').waitFor();
    await olivia.evaluate(() => {
      const w = window as unknown as { __leaked: boolean };
      w.__leaked = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes('Vic Visitor')) w.__leaked = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await olivia.getByLabel('Email').fill(outsider.email);
    await olivia.getByLabel('Password').fill(outsider.password);
    await olivia.getByRole('button', { name: 'Sign in' }).click();
    await olivia.getByRole('navigation', { name: 'Main' }).waitFor();
    await olivia.getByText('No conversations here.').waitFor();
    expect(await olivia.getByText('Vic Visitor').count()).toBe(0);
    expect(await olivia.getByText('Wendy').count()).toBe(0);
    expect(await olivia.evaluate(() => (window as unknown as { __leaked: boolean }).__leaked)).toBe(false);
  });
});
