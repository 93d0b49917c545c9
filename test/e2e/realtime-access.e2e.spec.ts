import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import {
  addMember,
  createProject,
  registerAccount,
  registerMember,
  type Account,
  type ProjectInfo,
} from '../factories/accounts';
import { startConversation } from '../factories/widget';
import { httpClient, type HttpClient } from '../support/http';
import { connectAgent, settle, socketTracker, type Recorder } from '../support/sockets';
import { AccessService } from '../../src/modules/access/access.service';
import { startTestApp, type TestApp } from '../support/test-app';

const SOCKETS = 30;

describe('real time: removal takes effect on open sockets before the request answers', () => {
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

  /** Access changes for the team from 4 clients at once, as fast as the server takes them. */
  function churn(): { stop: () => Promise<number> } {
    let running = true;
    let changes = 0;
    const loops = Array.from({ length: 4 }, async () => {
      while (running) {
        const extra = await createProject(api, lead, { name: 'Churn' });
        await api.delete(`/api/v1/projects/${extra.id}`, { token: lead.token });
        changes += 2;
      }
    });
    return {
      stop: async () => {
        running = false;
        await Promise.all(loops);
        return changes;
      },
    };
  }

  for (const trial of [1, 2, 3]) {
    it(`trial ${trial}: none of a removed member's ${SOCKETS} sockets gets a message sent after the 204`, async () => {
      const member = await registerMember(api, lead, `Member${trial}`, 'agent');
      const leadSocket = await track(connectAgent(t.url, lead.token));
      const sockets: Recorder[] = await Promise.all(
        Array.from({ length: SOCKETS }, () => track(connectAgent(t.url, member.token))),
      );
      const before = await startConversation(api, project, 'before removal');
      await Promise.all(
        sockets.map((s) =>
          s.waitFor('message.created', (p) => p.message.conversationId === before.conversationId),
        ),
      );

      const load = churn();
      await settle(150);
      const removed = await api.delete(`/api/v1/teams/${lead.teamId}/members/${member.userId}`, {
        token: lead.token,
      });
      expect(removed.status).toBe(204);
      const after = await startConversation(api, project, 'after removal');
      await leadSocket.waitFor('message.created', (p) => p.message.conversationId === after.conversationId);
      expect(await load.stop()).toBeGreaterThan(0);
      await settle(200);

      const leaked = sockets.filter((s) => JSON.stringify(s.events).includes(after.conversationId));
      expect(leaked).toHaveLength(0);
      // Still connected (their other teams' events would still flow), just out of this team's rooms.
      expect(sockets.every((s) => s.socket.connected)).toBe(true);
    });
  }

  it('re-scopes in order under churn: a member removed and added back ends up in the rooms', async () => {
    const member = await registerMember(api, lead, 'Returning', 'agent');
    const socket = await track(connectAgent(t.url, member.token));
    const load = churn();
    await api.delete(`/api/v1/teams/${lead.teamId}/members/${member.userId}`, { token: lead.token });
    await addMember(api, lead, member, 'agent');
    await load.stop();
    const s = await startConversation(api, project, 'members only');
    await socket.waitFor('message.created', (p) => p.message.conversationId === s.conversationId);
  });
  /** Makes every scope read take `ms` longer (a slow database), until the returned function restores it. */
  function slowScopes(ms: number): () => void {
    const access = t.app.get(AccessService);
    const [scope, scopes] = [access.scope.bind(access), access.scopes.bind(access)];
    const later = <T>(value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));
    access.scope = async (user) => later(await scope(user));
    access.scopes = async (ids) => later(await scopes(ids));
    return () => Object.assign(access, { scope, scopes });
  }

  it('a re-scope round that read before the removal does not put the removed member back', async () => {
    const member = await registerMember(api, lead, 'SlowRound', 'agent');
    const socket = await track(connectAgent(t.url, member.token));
    const restore = slowScopes(400);
    try {
      await createProject(api, lead, { name: 'Starts a round' }); // a round reads the old scope…
      await settle(50);
      const removed = await api.delete(`/api/v1/teams/${lead.teamId}/members/${member.userId}`, {
        token: lead.token,
      });
      expect(removed.status).toBe(204); // …and applies it after this
      await settle(450);
      const after = await startConversation(api, project, 'after the slow round');
      await settle(600);
      expect(JSON.stringify(socket.events)).not.toContain(after.conversationId);
    } finally {
      restore();
    }
  });

  it("a socket handshaking during the removal never enters the team's rooms", async () => {
    const member = await registerMember(api, lead, 'SlowHandshake', 'agent');
    const restore = slowScopes(400);
    try {
      const connecting = track(connectAgent(t.url, member.token));
      await settle(150); // the handshake is reading its scope
      const removed = await api.delete(`/api/v1/teams/${lead.teamId}/members/${member.userId}`, {
        token: lead.token,
      });
      expect(removed.status).toBe(204);
      const socket = await connecting;
      const after = await startConversation(api, project, 'after the slow handshake');
      await settle(600);
      expect(JSON.stringify(socket.events)).not.toContain(after.conversationId);
    } finally {
      restore();
    }
  });
});
