import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startAppWithProject } from '../factories/app-with-project';
import type { Account, ProjectInfo } from '../factories/accounts';
import { agentReply, startConversation, visitorSend } from '../factories/widget';
import type { HttpClient } from '../support/http';
import { connectAgent, connectWidget, emitWithAck, socketTracker } from '../support/sockets';
import type { TestApp } from '../support/test-app';

// The `resync` request of docs/realtime-delivery.md: a replay from the last contiguous seq, without reconnecting.
describe('resync requests on a connected socket', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  const { track, closeAll } = socketTracker();

  before(async () => {
    ({ t, api, owner, project } = await startAppWithProject());
  });
  after(async () => {
    closeAll();
    await t.close();
  });

  it('replays to an agent every message after the seq it names, then acks what it sent', async () => {
    const s = await startConversation(api, project);
    for (const body of ['two', 'three']) await visitorSend(api, project, body, s);
    await agentReply(api, owner.token, s.conversationId, 'note', true);
    const agent = await track(connectAgent(t.url, owner.token));
    const ack = await emitWithAck(agent, 'resync', { lastSeqs: { [s.conversationId]: 1 } });
    expect(ack.ok).toBe(true);
    expect(ack.data.conversations).toEqual({ [s.conversationId]: 4 });
    expect(ack.data.hasMore).toEqual({ [s.conversationId]: false });
    const replayed = agent.of('message.created').map((p) => p.message.seq);
    expect(replayed).toEqual([2, 3, 4]);
    expect(await agent.waitFor('resync.complete')).toEqual(ack.data);
  });

  it("replays a visitor's own conversation only, without internal notes", async () => {
    const s = await startConversation(api, project);
    await agentReply(api, owner.token, s.conversationId, 'internal', true);
    await agentReply(api, owner.token, s.conversationId, 'public');
    const stranger = await startConversation(api, project);
    const widget = await track(connectWidget(t.url, { visitorToken: s.token }));
    const ack = await emitWithAck(widget, 'resync', {
      lastSeqs: { [s.conversationId]: 0, [stranger.conversationId]: 0 },
    });
    expect(ack.data.conversations).toEqual({ [s.conversationId]: 3 });
    expect(widget.of('message.created').map((p) => [p.message.seq, p.message.body])).toEqual([
      [1, 'Hello!'],
      [3, 'public'],
    ]);
  });

  it('refuses a malformed request, and a socket without a visitor', async () => {
    const agent = await track(connectAgent(t.url, owner.token));
    for (const payload of [undefined, {}, { lastSeqs: { 'not-a-uuid': 1 } }, { lastSeqs: {}, extra: 1 }]) {
      const ack = await emitWithAck(agent, 'resync', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, () => [randomUUID(), 0]));
    expect((await emitWithAck(agent, 'resync', { lastSeqs: tooMany })).error.code).toBe('VALIDATION_FAILED');
    const anonymous = await track(connectWidget(t.url, { projectKey: project.publicKey }));
    const refused = await emitWithAck(anonymous, 'resync', { lastSeqs: {} });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VISITOR_TOKEN_INVALID' } });
  });
});
