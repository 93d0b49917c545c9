import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { inviteByEmail, registerMember, uniqueEmail, type Account } from '../factories/accounts';
import { widgetHeaders } from '../factories/widget';
import { countRows } from '../support/db';
import { expectError } from '../support/expect-error';
import { connectAgent, settle } from '../support/sockets';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp';

const APP_URL = 'https://chat.example.test';

/** Polls `check` until it holds; fails after 5 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await settle(50);
  }
}
const SITE = 'https://shop.example.test';

describe('email against a real SMTP server', () => {
  let smtp: SmtpSink;
  let s: AppWithProject;
  let admin: Account;
  let agent: Account;

  before(async () => {
    smtp = await startSmtpSink();
    s = await startAppWithProject({
      env: {
        SMTP_URL: smtp.url,
        APP_URL,
        EMAIL_CONTINUITY_DELAY: '1s',
        MAIL_FROM: 'Spectre <help@example.test>',
      },
      project: { allowedOrigins: [SITE] },
    });
    admin = await registerMember(s.api, s.owner, 'Admin', 'admin');
    agent = await registerMember(s.api, s.owner, 'Agent', 'agent');
  });
  after(async () => {
    await s?.t.close();
    await smtp?.close();
  });

  const agentReply = (conversationId: string, body: string, isPrivate = false) =>
    s.api.post(`/api/v1/conversations/${conversationId}/messages`, {
      token: s.owner.token,
      body: { body, clientMessageId: randomUUID(), private: isPrivate },
    });

  const fromSite = (visitorToken?: string) => ({
    ...widgetHeaders(s.project.publicKey, visitorToken),
    origin: SITE,
  });

  /** A visitor's first message from the site, opening a conversation; with an email when given. */
  async function visitorStarts(body: string, email?: string) {
    const session = await s.api.post('/api/v1/widget/session', {
      headers: fromSite(),
      body: email ? { visitor: { email, name: 'Vera' } } : {},
    });
    const token = session.body.data.visitorToken as string;
    const res = await s.api.post('/api/v1/messages', {
      headers: fromSite(token),
      body: { body, clientMessageId: randomUUID() },
    });
    expect(res.status).toBe(201);
    return {
      token: res.body.data.visitorToken as string,
      conversationId: res.body.data.conversation.id as string,
    };
  }

  async function visitorWithEmail() {
    const email = uniqueEmail('visitor');
    return { email, ...(await visitorStarts('Where is my order?', email)) };
  }

  it('mails an invitation whose link lets a person without an account join the team', async () => {
    const email = uniqueEmail('invitee');
    await inviteByEmail(s.api, s.owner, email, 'agent');
    const mail = await smtp.waitFor(email, 'Join ');
    expect(mail.subject).toMatch(/^Join .+ on Spectre$/);
    const link = linkIn(mail, `${APP_URL}/app/invite/`);
    expect(mail.html).toContain(link);
    const token = decodeURIComponent(link.slice(`${APP_URL}/app/invite/`.length));

    const users = await countRows(s.t, 'users');
    expectError(
      await s.api.post('/api/v1/auth/register', {
        body: {
          email: uniqueEmail('other'),
          password: 'correct-horse-battery',
          name: 'X',
          invitationToken: token,
        },
      }),
      403,
      'INVITATION_EMAIL_MISMATCH',
    );
    expectError(
      await s.api.post('/api/v1/auth/register', {
        body: { email, password: 'correct-horse-battery', name: 'X', invitationToken: 'inv_nope' },
      }),
      404,
      'INVITATION_NOT_FOUND',
    );
    expect(await countRows(s.t, 'users')).toBe(users);

    const registered = await s.api.post('/api/v1/auth/register', {
      body: { email, password: 'correct-horse-battery', name: 'Ines', invitationToken: token },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.data.team.id).toBe(s.owner.teamId);
    const teams = await s.api.get('/api/v1/teams', { token: registered.body.data.accessToken });
    expect(teams.body.data).toEqual([expect.objectContaining({ id: s.owner.teamId, role: 'agent' })]);
    // Used: the same token neither registers nor accepts again.
    expectError(
      await s.api.post('/api/v1/auth/register', {
        body: {
          email: uniqueEmail('again'),
          password: 'correct-horse-battery',
          name: 'Y',
          invitationToken: token,
        },
      }),
      404,
      'INVITATION_NOT_FOUND',
    );
    // The raw token left the outbox once the mail was queued, and the sent mail's body was cleared.
    expect(await countRows(s.t, 'outbox', `type = 'invitation.created'`)).toBe(0);
    expect(
      await countRows(s.t, 'mail_queue', `kind = 'invitation' and (text is not null or html is not null)`),
    ).toBe(0);
  });

  it('resets a password once with the mailed link and ends every session', async () => {
    const user = await registerMember(s.api, s.owner, 'Forgetful', 'agent');
    const forgot = await s.api.post('/api/v1/auth/password/forgot', {
      body: { email: user.email.toUpperCase() },
    });
    expect(forgot.status).toBe(202);
    const mail = await smtp.waitFor(user.email, 'Reset your');
    const link = linkIn(mail, `${APP_URL}/app/reset-password/`);
    const token = decodeURIComponent(link.slice(`${APP_URL}/app/reset-password/`.length));
    expect(await countRows(s.t, 'password_resets', `token_hash = '${token}'`)).toBe(0); // stored hashed

    const reset = await s.api.post('/api/v1/auth/password/reset', {
      body: { token, password: 'a-brand-new-password' },
    });
    expect(reset.status).toBe(204);
    expectError(
      await s.api.post('/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      401,
      'REFRESH_TOKEN_INVALID',
    );
    expectError(await s.api.get('/api/v1/auth/me', { token: user.token }), 401, 'TOKEN_INVALID');
    expectError(
      await s.api.post('/api/v1/auth/login', { body: { email: user.email, password: user.password } }),
      401,
      'INVALID_CREDENTIALS',
    );
    const login = await s.api.post('/api/v1/auth/login', {
      body: { email: user.email, password: 'a-brand-new-password' },
    });
    expect(login.status).toBe(200);
    expectError(
      await s.api.post('/api/v1/auth/password/reset', { body: { token, password: 'yet-another-password' } }),
      400,
      'PASSWORD_RESET_TOKEN_INVALID',
    );
  });

  it('answers forgot with 202 for an unknown email and sends nothing', async () => {
    const unknown = uniqueEmail('nobody');
    const res = await s.api.post('/api/v1/auth/password/forgot', { body: { email: unknown } });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual({ accepted: true });
    // A known address asked after it is mailed; by then the unknown one would have been too.
    await s.api.post('/api/v1/auth/password/forgot', { body: { email: agent.email } });
    await smtp.waitFor(agent.email, 'Reset your');
    expect(smtp.to(unknown)).toEqual([]);
    expect(await countRows(s.t, 'mail_queue', `"to" = '${unknown}'`)).toBe(0);
  });

  it('mails unseen agent replies once, without internal notes, and not once the visitor has read', async () => {
    const unread = await visitorWithEmail();
    const read = await visitorWithEmail();
    await agentReply(unread.conversationId, 'It ships <today> & arrives tomorrow');
    await agentReply(unread.conversationId, 'Internal: check the warehouse', true);
    const seen = await agentReply(read.conversationId, 'Shipped yesterday');
    const marked = await s.api.post(`/api/v1/messages/conversations/${read.conversationId}/read`, {
      headers: fromSite(read.token),
      body: { seq: seen.body.data.seq },
    });
    expect(marked.status).toBe(200);

    const mail = await smtp.waitFor(unread.email);
    expect(mail.subject).toMatch(/^New reply from /);
    expect(mail.text).toContain('It ships <today> & arrives tomorrow');
    expect(mail.html).toContain('It ships &lt;today&gt; &amp; arrives tomorrow');
    expect(mail.text).not.toContain('warehouse');
    expect(mail.text).toContain('https://shop.example.test');
    expect(String(mail.header('list-unsubscribe'))).toContain(`${APP_URL}/api/v1/notifications/unsubscribe/`);

    await settle(2500); // two more windows: nothing new to mail, for either conversation
    expect(smtp.to(unread.email)).toHaveLength(1);
    expect(smtp.to(read.email)).toEqual([]);
  });

  it('stops continuity mails for a visitor who used the unsubscribe link', async () => {
    const v = await visitorWithEmail();
    await agentReply(v.conversationId, 'First answer');
    const mail = await smtp.waitFor(v.email);
    const link = linkIn(mail, `${APP_URL}/api/v1/notifications/unsubscribe/`);
    const res = await s.api.get(link.slice(APP_URL.length));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ unsubscribed: true });
    expectError(await s.api.get(`${link.slice(APP_URL.length)}x`), 400, 'UNSUBSCRIBE_TOKEN_INVALID');

    const control = await visitorWithEmail();
    await agentReply(v.conversationId, 'Second answer');
    await agentReply(control.conversationId, 'Hello control');
    await smtp.waitFor(control.email, 'New reply');
    await settle(300);
    expect(smtp.to(v.email)).toHaveLength(1);
  });

  it('mails owners and admins of a new conversation while no agent is online, as each chose', async () => {
    const off = await s.api.patch('/api/v1/auth/me', {
      token: admin.token,
      body: { notifications: { newConversation: false } },
    });
    expect(off.body.data.notifications).toEqual({ newConversation: false, webhookDisabled: true });
    expect((await s.api.get('/api/v1/auth/me', { token: admin.token })).body.data.notifications).toEqual({
      newConversation: false,
      webhookDisabled: true,
    });
    const NEW = 'New conversation';
    const before = smtp.to(s.owner.email, NEW).length;
    const adminBefore = smtp.to(admin.email, NEW).length;

    // An agent online: nobody is mailed.
    const online = await connectAgent(s.t.url, agent.token);
    await visitorStarts('Anyone there?');
    await settle(500);
    online.socket.disconnect();
    await settle(200);
    expect(smtp.to(s.owner.email, NEW)).toHaveLength(before);

    await visitorStarts('Hello <b>team</b>');
    const deadline = Date.now() + 10_000;
    while (smtp.to(s.owner.email, NEW).length === before && Date.now() < deadline) await settle(25);
    await settle(300);
    const mails = smtp.to(s.owner.email, NEW);
    expect(mails.length - before).toBe(1);
    expect(mails.at(-1)!.text).toContain('Hello <b>team</b>');
    expect(mails.at(-1)!.html).toContain('Hello &lt;b&gt;team&lt;/b&gt;');
    expect(mails.at(-1)!.text).toMatch(new RegExp(`${APP_URL}/app/conversations/[0-9a-f-]{36}`));
    expect(smtp.to(admin.email, NEW)).toHaveLength(adminBefore);
    expect(smtp.to(agent.email, NEW)).toEqual([]);
  });

  it('mails the owners and admins when a webhook is disabled', async () => {
    const payload = {
      webhookId: randomUUID(),
      projectId: s.project.id,
      url: 'https://hooks.example.test/x',
      reason: 'failing for 3 days',
    };
    await s.t.database.db.execute(
      sql`insert into outbox (type, payload) values ('webhook.disabled', ${JSON.stringify(payload)}::jsonb)`,
    );
    const ownerMail = await smtp.waitFor(s.owner.email, 'A webhook');
    const adminMail = await smtp.waitFor(admin.email, 'A webhook');
    expect(ownerMail.text).toContain('https://hooks.example.test/x');
    expect(adminMail.text).toContain('failing for 3 days');
    await settle(200);
    expect(smtp.to(agent.email, 'A webhook')).toEqual([]);
  });

  it('retries a mail the SMTP server refused', async () => {
    const email = uniqueEmail('retry');
    smtp.refuseNext(email, 1);
    await inviteByEmail(s.api, s.owner, email, 'agent');
    const queued = (where: string) => countRows(s.t, 'mail_queue', `"to" = '${email}' and ${where}`);
    await until(async () => (await queued('attempts = 1 and last_error is not null')) === 1);
    expect(smtp.to(email)).toEqual([]);
    await s.t.database.db.execute(sql`update mail_queue set available_at = now() where "to" = ${email}`);
    await smtp.waitFor(email);
    // Marked sent once the SMTP server's answer is in (just after the sink has the mail).
    await until(async () => (await queued('sent_at is not null and attempts = 2')) === 1);
  });

  it('does not accept a reset token from another purpose', async () => {
    expectError(
      await s.api.post('/api/v1/auth/password/reset', {
        body: { token: s.owner.refreshToken, password: 'whatever-password' },
      }),
      400,
      'PASSWORD_RESET_TOKEN_INVALID',
    );
  });
});
