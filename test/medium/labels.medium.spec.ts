import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { ConversationsService } from '../../src/modules/conversations/conversations.service';
import { ConversationsRepository } from '../../src/modules/conversations/conversations.repository';
import { LabelsService } from '../../src/modules/labels/labels.service';
import { seedScenario, type Scenario } from '../factories/scenario';
import { startMedium, type MediumApp } from '../support/medium';
import { sqlRecorder, type SqlRecorder } from '../support/sql-recorder';
import { expectSqlSnapshot } from '../support/sql-snapshot';

describe('labels: the set, the chips of a page, the inbox filter (medium)', () => {
  let app: MediumApp;
  let recorder: SqlRecorder;
  let s: Scenario;
  let labelId: string;

  before(async () => {
    app = await startMedium();
    recorder = sqlRecorder(app);
    s = await seedScenario(app);
    const labels = app.get(LabelsService);
    labelId = (await labels.create(s.admin, s.teamId, { name: 'vip', color: '#6f42c1' })).id;
    await labels.create(s.admin, s.teamId, { name: 'bug', color: '#d73a49' });
  });
  after(() => app?.close());

  it('sets, reads and filters with the SQL pinned in __sql__/labels.sql', async () => {
    const conversations = app.get(ConversationsService);
    const set = await recorder.record(() => conversations.setLabels(s.agent, s.conversationId, [labelId]));
    expect(set.result.labels).toEqual([{ id: labelId, name: 'vip', color: '#6f42c1' }]);
    const same = await recorder.record(() => conversations.setLabels(s.agent, s.conversationId, [labelId]));
    const chips = await recorder.record(() => app.get(LabelsService).chipsOf([s.conversationId]));
    expect(chips.result.get(s.conversationId)).toEqual(set.result.labels);
    const filtered = await recorder.record(() =>
      app.get(ConversationsRepository).inbox({ userId: s.agent.id, label: labelId, limit: 20 }),
    );
    expect(filtered.result.map((r) => r.conversation.id)).toEqual([s.conversationId]);
    expectSqlSnapshot('labels.sql', {
      'set a conversation label (a change)': set.statements,
      'set the same labels again (no change: no update, no outbox row)': same.statements,
      "a page's labels": chips.statements,
      'inbox filtered by label': filtered.statements,
    });
  });
});
