import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import {
  addMember,
  createProject,
  registerAccount,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { startAppWithProject } from '../factories/app-with-project';
import { agentReply, openSession, startConversation, visitorSend } from '../factories/widget';
import type { HttpClient } from '../support/http';
import {
  connectAgent,
  connectWidget,
  emitWithAck,
  settle,
  socketTracker,
  type Recorder,
} from '../support/sockets';
import type { TestApp } from '../support/test-app';

describe('real time over Socket.IO', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let stranger: Account;
  let project: ProjectInfo;
  let strangerProject: ProjectInfo;
  const { track, closeAll } = socketTracker();

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject({ owner: 'Owner' }));
    stranger = await registerAccount(api, 'Stranger');
    strangerProject = await createProject(api, stranger);
  });
  after(async () => {
    closeAll();
    await t.close();
  });

  it('delivers visitor → agent, agent → widget, and keeps notes and foreign tenants out', async () => {
    const s = await startConversation(api, project);
    const agent = await track(connectAgent(t.url, owner.token));
    const widget = await track(
      connectWidget(t.url, { projectKey: project.publicKey, visitorToken: s.token }),
    );
    const otherAgent = await track(connectAgent(t.url, stranger.token));
    const otherVisitor = await startConversation(api, project);
    const otherWidget = await track(connectWidget(t.url, { visitorToken: otherVisitor.token }));
    const foreign = await startConversation(api, strangerProject);
    const foreignWidget = await track(connectWidget(t.url, { visitorToken: foreign.token }));

    const sent = await visitorSend(api, project, 'Is anyone there?', s);
    const got = await agent.waitFor('message.created', (p) => p.message.id === sent.message.id);
    expect(got.message).toMatchObject({ body: 'Is anyone there?', seq: 2, sender: 'visitor' });
    expect(got.conversation).toMatchObject({ id: s.conversationId, projectId: project.id });

    const ack = await emitWithAck(agent, 'message.send', {
      conversationId: s.conversationId,
      body: 'Yes, hello!',
      clientMessageId: randomUUID(),
    });
    expect(ack.ok).toBe(true);
    expect(ack.data.message).toMatchObject({ body: 'Yes, hello!', sender: 'agent', seq: 3 });
    const reply = await widget.waitFor('message.created', (p) => p.message.id === ack.data.message.id);
    expect(reply.conversation).not.toHaveProperty('assigneeId');

    const note = await agentReply(api, owner.token, s.conversationId, 'secret note', true);
    await agent.waitFor('message.created', (p) => p.message.id === note.id);
    await settle();

    expect(agent.of('message.created').filter((p) => p.message.id === sent.message.id)).toHaveLength(1);
    // The visitor's own messages reach its other tabs; the internal note never does.
    expect(widget.of('message.created').map((p) => p.message.body)).toEqual([
      'Is anyone there?',
      'Yes, hello!',
    ]);
    for (const r of [otherAgent, otherWidget, foreignWidget]) {
      expect(r.of('message.created').filter((p) => p.message.conversationId === s.conversationId)).toEqual(
        [],
      );
      expect(JSON.stringify(r.events)).not.toContain(s.conversationId);
    }
    // The stranger's agent does get its own project's conversation.
    expect(otherAgent.of('message.created').map((p) => p.message.conversationId)).toEqual([
      foreign.conversationId,
    ]);
  });

  it('refuses bad, expired and foreign credentials at the handshake', async () => {
    const s = await startConversation(api, project);
    const failures: [() => Promise<Recorder>, string][] = [
      [() => connectAgent(t.url, 'not-a-jwt'), 'TOKEN_INVALID'],
      [() => connectAgent(t.url, ''), 'UNAUTHENTICATED'],
      [() => connectAgent(t.url, s.token), 'TOKEN_INVALID'],
      [() => connectWidget(t.url, {}), 'PROJECT_KEY_INVALID'],
      [() => connectWidget(t.url, { projectKey: 'pk_unknown' }), 'PROJECT_KEY_INVALID'],
      [() => connectWidget(t.url, { visitorToken: owner.token }), 'VISITOR_TOKEN_INVALID'],
      [
        () => connectWidget(t.url, { projectKey: strangerProject.publicKey, visitorToken: s.token }),
        'VISITOR_TOKEN_INVALID',
      ],
    ];
    for (const [attempt, code] of failures) {
      const err = await attempt().then(
        () => undefined,
        (e: any) => e,
      );
      expect(err?.data?.code).toBe(code);
    }

    // JWT times are whole seconds: a 2 s token lives at least 1 s, and is surely dead after 3.1 s.
    const env = { JWT_EXPIRES_IN: '2s', VISITOR_TOKEN_EXPIRES_IN: '2s' };
    const { t: shortLived, api: sApi, owner: user, project: p } = await startAppWithProject({ env });
    try {
      const v = await startConversation(sApi, p);
      await settle(3100);
      await expect(connectAgent(shortLived.url, user.token)).rejects.toMatchObject({
        data: { code: 'TOKEN_EXPIRED' },
      });
      await expect(connectWidget(shortLived.url, { visitorToken: v.token })).rejects.toMatchObject({
        data: { code: 'VISITOR_TOKEN_INVALID' },
      });
    } finally {
      await shortLived.close();
    }

    const loggedOut = await registerAccount(api, 'Leaver');
    await api.post('/api/v1/auth/logout', { token: loggedOut.token });
    await expect(connectAgent(t.url, loggedOut.token)).rejects.toMatchObject({
      data: { code: 'TOKEN_INVALID' },
    });
  });

  it('replays exactly what a reconnecting widget missed, in order, before live events', async () => {
    const s = await startConversation(api, project);
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
    const first = await agentReply(api, owner.token, s.conversationId, 'before the drop');
    await widget.waitFor('message.created', (p) => p.message.id === first.id);
    widget.close();

    const missed = [];
    for (const body of ['one', 'two', 'three'])
      missed.push(await agentReply(api, owner.token, s.conversationId, body));
    await agentReply(api, owner.token, s.conversationId, 'internal', true);

    const back = await track(
      connectWidget(t.url, { visitorToken: s.token, lastSeqs: { [s.conversationId]: first.seq } }),
    );
    const done = await back.waitFor('resync.complete');
    expect(done.conversations[s.conversationId]).toBe(missed[2].seq);
    // The conversation as it is now, in its widget shape: the note does not show in its sequences.
    expect(done.snapshots[s.conversationId]).toMatchObject({ id: s.conversationId, lastSeq: missed[2].seq });
    expect(done.snapshots[s.conversationId]).not.toHaveProperty('assigneeId');
    const live = await agentReply(api, owner.token, s.conversationId, 'live');
    await back.waitFor('message.created', (p) => p.message.id === live.id);
    await settle();
    expect(back.of('message.created').map((p) => p.message.body)).toEqual(['one', 'two', 'three', 'live']);
    const names = back.events.map(([n]) => n).filter((n) => n !== 'presence');
    expect(names.indexOf('resync.complete')).toBe(3);

    const history = await api.get(`/api/v1/messages/conversations/${s.conversationId}?after=${first.seq}`, {
      headers: { 'x-visitor-token': s.token },
    });
    expect(history.body.data.map((m: any) => m.body)).toEqual(['one', 'two', 'three', 'live']);
  });

  it('replays missed messages to an agent too, and ignores conversations it may not read', async () => {
    const s = await startConversation(api, project);
    const foreign = await startConversation(api, strangerProject);
    await visitorSend(api, project, 'missed 1', s);
    await visitorSend(api, project, 'missed 2', s);
    const agent = await track(
      connectAgent(t.url, owner.token, { [s.conversationId]: 1, [foreign.conversationId]: 0 }),
    );
    const done = await agent.waitFor('resync.complete');
    expect(done.conversations).toEqual({ [s.conversationId]: 3 });
    expect(Object.keys(done.snapshots)).toEqual([s.conversationId]);
    expect(done.snapshots[s.conversationId]).toMatchObject({ status: 'open', lastSeq: 3, assigneeId: null });
    expect(agent.of('message.created').map((p) => p.message.body)).toEqual(['missed 1', 'missed 2']);
  });

  it('sends typing and read receipts to the other side only', async () => {
    const s = await startConversation(api, project);
    const other = await startConversation(api, project);
    const agent = await track(connectAgent(t.url, owner.token));
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
    const otherWidget = await track(connectWidget(t.url, { visitorToken: other.token }));
    const foreignAgent = await track(connectAgent(t.url, stranger.token));

    widget.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    const typing = await agent.waitFor('typing', (p) => p.side === 'visitor');
    expect(typing).toMatchObject({ conversationId: s.conversationId, isTyping: true });
    agent.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    const agentTyping = await widget.waitFor('typing', (p) => p.side === 'agent');
    expect(agentTyping).toEqual({ conversationId: s.conversationId, side: 'agent', isTyping: true });

    const reply = await agentReply(api, owner.token, s.conversationId, 'hi');
    const read = await emitWithAck(widget, 'read', { conversationId: s.conversationId, seq: reply.seq });
    expect(read).toEqual({
      ok: true,
      data: { conversationId: s.conversationId, side: 'visitor', lastReadSeq: reply.seq },
    });
    const receipt = await agent.waitFor('message.read', (p) => p.side === 'visitor');
    expect(receipt).toEqual({ conversationId: s.conversationId, side: 'visitor', lastReadSeq: reply.seq });
    // The reply moved the agents' marker already: only a visitor message leaves them something to read.
    await visitorSend(api, project, 'thanks', s);
    await emitWithAck(agent, 'read', { conversationId: s.conversationId });
    await widget.waitFor('message.read', (p) => p.side === 'agent');
    await settle();

    expect(widget.of('typing').filter((p) => p.side === 'visitor')).toEqual([]);
    expect(agent.of('typing').filter((p) => p.side === 'agent')).toEqual([]);
    for (const r of [otherWidget, foreignAgent]) {
      expect(r.of('typing')).toEqual([]);
      expect(r.of('message.read')).toEqual([]);
    }

    const forbidden = await emitWithAck(foreignAgent, 'read', { conversationId: s.conversationId });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_FOUND' } });
    otherWidget.socket.emit('typing', { conversationId: s.conversationId, isTyping: true });
    const err = await otherWidget.waitFor('error');
    expect(err.code).toBe('CONVERSATION_NOT_FOUND');
  });

  it('acks socket sends idempotently and validates payloads', async () => {
    const s = await startConversation(api, project);
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
    const payload = { conversationId: s.conversationId, body: 'via socket', clientMessageId: randomUUID() };
    const [a, b] = await Promise.all([
      emitWithAck(widget, 'message.send', payload),
      emitWithAck(widget, 'message.send', payload),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.data.message.id).toBe(b.data.message.id);
    const bad = await emitWithAck(widget, 'message.send', { conversationId: s.conversationId, body: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    // A socket opened with only the project key cannot send: a visitor comes from POST /widget/session.
    const fresh = await track(connectWidget(t.url, { projectKey: project.publicKey }));
    const refused = await emitWithAck(fresh, 'message.send', {
      body: 'new here',
      clientMessageId: randomUUID(),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VISITOR_TOKEN_INVALID' } });
    const opened = await track(connectWidget(t.url, { visitorToken: await openSession(api, project) }));
    const firstAck = await emitWithAck(opened, 'message.send', {
      body: 'new here',
      clientMessageId: randomUUID(),
    });
    expect(firstAck.ok).toBe(true);
    const answer = await agentReply(api, owner.token, firstAck.data.conversation.id, 'welcome');
    await opened.waitFor('message.created', (p) => p.message.id === answer.id);
  });

  it('reports agent presence to the widget', async () => {
    const solo = await registerAccount(api, 'Solo');
    const p = await createProject(api, solo);
    const config = () => api.get('/api/v1/widget/config', { headers: { 'x-project-key': p.publicKey } });
    expect((await config()).body.data.agentsOnline).toBe(false);
    const widget = await track(connectWidget(t.url, { projectKey: p.publicKey }));
    const agent = await track(connectAgent(t.url, solo.token));
    expect(await widget.waitFor('presence', (e) => e.online)).toEqual({ projectId: p.id, online: true });
    expect((await config()).body.data.agentsOnline).toBe(true);
    agent.close();
    await widget.waitFor('presence', (e) => !e.online);
    expect((await config()).body.data.agentsOnline).toBe(false);
  });

  it('follows membership, projects and logout without a reconnect', async () => {
    const lead = await registerAccount(api, 'Lead');
    const member = await registerAccount(api, 'Member');
    await addMember(api, lead, member, 'agent');
    const first = await createProject(api, lead);
    const leadSocket = await track(connectAgent(t.url, lead.token));
    const memberSocket = await track(connectAgent(t.url, member.token));

    // A project created after connecting is joined at once.
    const second = await createProject(api, lead, { name: 'Second site' });
    await settle();
    const inSecond = await startConversation(api, second);
    await leadSocket.waitFor('message.created', (p) => p.message.conversationId === inSecond.conversationId);
    await memberSocket.waitFor(
      'message.created',
      (p) => p.message.conversationId === inSecond.conversationId,
    );

    // So is a project in a team created after connecting.
    const team = await api.post('/api/v1/teams', { token: lead.token, body: { name: 'New team' } });
    const inNewTeam = await createProject(api, { ...lead, teamId: team.body.data.id });
    await settle();
    const newTeamChat = await startConversation(api, inNewTeam);
    await leadSocket.waitFor(
      'message.created',
      (p) => p.message.conversationId === newTeamChat.conversationId,
    );

    // A removed member stops receiving the team's events at once.
    const removed = await api.delete(`/api/v1/teams/${lead.teamId}/members/${member.userId}`, {
      token: lead.token,
    });
    expect(removed.status).toBe(204);
    await settle();
    const afterRemoval = await startConversation(api, first);
    await leadSocket.waitFor(
      'message.created',
      (p) => p.message.conversationId === afterRemoval.conversationId,
    );
    await settle();
    expect(JSON.stringify(memberSocket.events)).not.toContain(afterRemoval.conversationId);

    // Logging out closes the session's sockets for good (no automatic reconnect with a dead token).
    const closed = new Promise<string>((resolve) =>
      leadSocket.socket.once('disconnect', (reason) => resolve(reason)),
    );
    await api.post('/api/v1/auth/logout', { token: lead.token });
    expect(await leadSocket.waitFor('session.expired', undefined, 5000).then(() => 'expired')).toBe(
      'expired',
    );
    expect(await closed).toBe('io server disconnect');
  });
});
