import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../factories/accounts';
import { agentReply, startConversation } from '../factories/widget';
import { countRows } from '../support/db';
import { httpClient, type HttpClient } from '../support/http';
import { connect } from '../support/sockets';
import { DomainEvents } from '../../src/platform/events/domain-events';
import { startTestApp, type TestApp } from '../support/test-app';

describe('domain events: a failing listener', () => {
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;
  let project: ProjectInfo;
  let events: DomainEvents;
  const unsubscribe: (() => void)[] = [];

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    owner = await registerAccount(api, 'Owner');
    project = await createProject(api, owner);
    events = t.app.get(DomainEvents);
  });
  after(async () => {
    for (const u of unsubscribe) u();
    await t.close();
  });

  it('never fails the request whose write it reports, nor the listeners after it', async () => {
    const agent = await connect(t.url, '/agent', { token: owner.token });
    try {
      const before = events.failures;
      const heard: string[] = [];
      unsubscribe.push(
        events.subscribe(() => {
          throw new Error('listener bug');
        }),
        events.subscribe(async () => {
          throw new Error('async listener bug');
        }),
        events.subscribe((event) => void heard.push(event.type)),
      );
      const s = await startConversation(api, project, 'Hello');
      const reply = await agentReply(api, owner.token, s.conversationId, 'Hi');
      // The real-time bus, another listener, still delivered.
      await agent.waitFor('message.created', (p) => p.message.id === reply.id);
      expect(await countRows(t, 'messages', `conversation_id = '${s.conversationId}'`)).toBe(2);
      // conversation.created + 2 × message.created, each failing in both listeners.
      await new Promise((r) => setImmediate(r));
      expect(events.failures - before).toBe(6);
      // A listener subscribed after the failing ones heard every event.
      expect(heard).toEqual(['conversation.created', 'message.created', 'message.created']);
    } finally {
      agent.close();
    }
  });
});
