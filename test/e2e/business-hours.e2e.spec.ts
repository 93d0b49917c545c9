import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { startConversation, visitorSend, widgetHeaders } from '../factories/widget';
import { connectAgent, settle } from '../support/sockets';

const OFFLINE = 'We are closed. We answer Monday to Friday, 9:00 to 17:00.';

describe('business hours and the offline notice', () => {
  let s: AppWithProject;

  const setHours = (weekly: { day: number; from: string; to: string }[], timezone = 'UTC') =>
    s.api.patch(`/api/v1/projects/${s.project.id}`, {
      token: s.owner.token,
      body: { settings: { businessHours: { timezone, weekly, offlineMessage: OFFLINE } } },
    });
  const config = async () =>
    (await s.api.get('/api/v1/widget/config', { headers: widgetHeaders(s.project.publicKey) })).body.data;
  const systemMessages = async (conversationId: string) => {
    const res = await s.api.get(`/api/v1/conversations/${conversationId}/messages`, { token: s.owner.token });
    expect(res.status).toBe(200);
    return res.body.data.filter((m: any) => m.sender === 'system');
  };

  before(async () => {
    s = await startAppWithProject();
  });
  after(async () => {
    await s?.t.close();
  });

  it('is online only with an agent online and within hours', async () => {
    expect(await config()).toMatchObject({
      online: false,
      withinHours: true,
      nextOpenAt: null,
      offlineMessage: null,
    });
    const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' }));
    expect((await setHours(allWeek)).status).toBe(200);
    const agent = await connectAgent(s.t.url, s.owner.token);
    try {
      await settle();
      expect(await config()).toMatchObject({ agentsOnline: true, online: true, withinHours: true });
      // Closed every day but tomorrow (UTC): an online agent does not make it open.
      const tomorrow = new Date(Date.now() + 86_400_000);
      expect((await setHours([{ day: tomorrow.getUTCDay(), from: '00:00', to: '24:00' }])).status).toBe(200);
      const closed = await config();
      expect(closed).toMatchObject({
        agentsOnline: true,
        online: false,
        withinHours: false,
        offlineMessage: OFFLINE,
      });
      expect(closed.nextOpenAt).toBe(`${tomorrow.toISOString().slice(0, 10)}T00:00:00.000Z`);
    } finally {
      agent.close();
    }
  });

  it('rejects unknown time zones and malformed hours', async () => {
    for (const businessHours of [
      { timezone: 'Mars/Olympus', weekly: [] },
      { timezone: 'UTC', weekly: [{ day: 7, from: '09:00', to: '17:00' }] },
      { timezone: 'UTC', weekly: [{ day: 1, from: '17:00', to: '09:00' }] },
      { timezone: 'UTC', weekly: [{ day: 1, from: '9:00', to: '17:00' }] },
    ]) {
      const res = await s.api.patch(`/api/v1/projects/${s.project.id}`, {
        token: s.owner.token,
        body: { settings: { businessHours } },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('sends the offline message once per conversation per 24 h', async () => {
    expect((await setHours([])).status).toBe(200); // never open
    const visitor = await startConversation(s.api, s.project, 'Anyone there?');
    const [notice] = await systemMessages(visitor.conversationId);
    expect(notice).toMatchObject({ body: OFFLINE, sender: 'system', seq: 2 });
    // The visitor sees it too.
    const history = await s.api.get(`/api/v1/messages/conversations/${visitor.conversationId}`, {
      headers: widgetHeaders(s.project.publicKey, visitor.token),
    });
    expect(history.status).toBe(200);
    expect(history.body.data.map((m: any) => m.sender)).toEqual(['visitor', 'system']);

    await visitorSend(s.api, s.project, 'Hello?', visitor);
    await visitorSend(s.api, s.project, 'Still there?', visitor);
    expect(await systemMessages(visitor.conversationId)).toHaveLength(1);

    // A day later it is sent again, once.
    await s.t.database.db.execute(
      sql`update conversations set offline_notice_at = now() - interval '24 hours 1 second' where id = ${visitor.conversationId}`,
    );
    await Promise.all([
      visitorSend(s.api, s.project, 'Next day', visitor),
      visitorSend(s.api, s.project, 'Next day again', visitor),
    ]);
    expect(await systemMessages(visitor.conversationId)).toHaveLength(2);

    // Another conversation gets its own notice; within hours nobody gets one.
    const other = await startConversation(s.api, s.project, 'Hi');
    expect(await systemMessages(other.conversationId)).toHaveLength(1);
    const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '00:00', to: '24:00' }));
    await setHours(allWeek);
    const third = await startConversation(s.api, s.project, 'Hi');
    expect(await systemMessages(third.conversationId)).toHaveLength(0);
  });

  it("answers the visitor's send when the offline notice fails, and sends the notice on a later message", async () => {
    expect((await setHours([])).status).toBe(200); // never open
    const db = s.t.database.db;
    await db.execute(
      sql.raw(`create or replace function fail_on_system() returns trigger language plpgsql as $$
        begin if new.sender = 'system' then raise exception 'notice failed'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger messages_fail_on_system before insert on messages
        for each row execute function fail_on_system()`),
    );
    let visitor: Awaited<ReturnType<typeof startConversation>>;
    try {
      visitor = await startConversation(s.api, s.project, 'Closed?'); // throws unless 201
      const sent = await visitorSend(s.api, s.project, 'Hello?', visitor);
      expect(sent.status).toBe(201);
      expect(await systemMessages(visitor.conversationId)).toHaveLength(0);
    } finally {
      await db.execute(sql.raw('drop trigger messages_fail_on_system on messages'));
    }
    // The failed notice left its claim free: the next message gets it.
    await visitorSend(s.api, s.project, 'Anyone?', visitor);
    expect(await systemMessages(visitor.conversationId)).toHaveLength(1);
  });
});
