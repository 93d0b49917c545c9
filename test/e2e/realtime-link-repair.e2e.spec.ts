import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { RealtimeBus } from '../../src/realtime/realtime-bus.service';
import type { BusEvent } from '../../src/realtime/realtime.events';
import {
  createProject,
  registerAccount,
  registerMember,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { startConversation } from '../factories/widget';
import { httpClient, type HttpClient } from '../support/http';
import { connectAgent, settle, socketTracker } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A node whose link to the bus was down may have lost access.changed and session.revoked events:
 * when the link is back (RealtimeBus.linkRestored, what the stream's onResumed calls) its agent
 * sockets are repaired from the database.
 */
describe('real time: access and sessions are repaired when the bus link is restored', () => {
  let t: TestApp;
  let api: HttpClient;
  let lead: Account;
  let project: ProjectInfo;
  const { track, closeAll } = socketTracker();

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    lead = await registerAccount(api, 'Lead');
    project = await createProject(api, lead);
  });
  after(async () => {
    closeAll();
    await t.close();
  });

  /** Drops this node's access and session events, as a lost stream entry would, until restored. */
  function loseAccessEvents(): () => void {
    const bus = t.app.get(RealtimeBus);
    const publish = bus.publish.bind(bus);
    bus.publish = (e: BusEvent) => {
      if (e.type !== 'access.changed' && e.type !== 'session.revoked') publish(e);
    };
    return () => void Object.assign(bus, { publish });
  }

  it("takes a member removed while the event was lost out of the team's rooms", async () => {
    const member = await registerMember(api, lead, 'Removed', 'agent');
    const leadSocket = await track(connectAgent(t.url, lead.token));
    const socket = await track(connectAgent(t.url, member.token));
    const restore = loseAccessEvents();
    try {
      const removed = await api.delete(`/api/v1/teams/${lead.teamId}/members/${member.userId}`, {
        token: lead.token,
      });
      expect(removed.status).toBe(204);
      // The event was lost: the socket is still in the team's rooms.
      const leak = await startConversation(api, project, 'while the event was lost');
      await socket.waitFor('message.created', (p) => p.message.conversationId === leak.conversationId);

      await t.app.get(RealtimeBus).linkRestored();
      const after = await startConversation(api, project, 'after the link was restored');
      await leadSocket.waitFor('message.created', (p) => p.message.conversationId === after.conversationId);
      await settle(200);
      expect(JSON.stringify(socket.events)).not.toContain(after.conversationId);
      expect(socket.socket.connected).toBe(true);
      expect(socket.of('resync')).toEqual([{ reason: 'link-restored' }]);
    } finally {
      restore();
    }
  });

  it('closes a socket whose session was revoked while the event was lost', async () => {
    const member = await registerMember(api, lead, 'SignedOut', 'agent');
    const socket = await track(connectAgent(t.url, member.token));
    const other = await track(connectAgent(t.url, lead.token));
    const restore = loseAccessEvents();
    try {
      expect((await api.post('/api/v1/auth/logout', { token: member.token })).status).toBe(204);
      await settle(200);
      expect(socket.socket.connected).toBe(true);

      const closed = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
      await t.app.get(RealtimeBus).linkRestored();
      await socket.waitFor('session.expired');
      expect(await closed).toBe('io server disconnect');
      expect(other.socket.connected).toBe(true);
      expect(other.of('session.expired')).toEqual([]);
    } finally {
      restore();
    }
  });
});
