import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import type { Project } from '../../src/db/schema';
import {
  ConversationsRepository,
  type InboxFilter,
  type InboxRow,
} from '../../src/modules/conversations/conversations.repository';
import { AccessService } from '../../src/modules/access/access.service';
import { MessagesService } from '../../src/modules/messages/messages.service';
import { WidgetService } from '../../src/modules/widget/widget.service';
import { ProjectsService } from '../../src/modules/projects/projects.service';
import { SCENARIO_IP, seedScenario, type Scenario } from '../factories/scenario';
import { startMedium, type MediumApp } from '../support/medium';
import { sqlRecorder, type SqlRecorder } from '../support/sql-recorder';
import { expectSqlSnapshot } from '../support/sql-snapshot';

describe('inbox: filters and keyset pages (medium)', () => {
  let app: MediumApp;
  let recorder: SqlRecorder;
  let repo: ConversationsRepository;
  let s: Scenario;
  let other: Scenario;
  /** The team's conversations by name: "seeded" is the scenario's own, a* in its project, b1 in Docs. */
  const c = { seeded: '', a1: '', a2: '', a3: '', b1: '' };

  /** A new visitor's first message in `project`: a new conversation. */
  const open = async (project: Project, body: string): Promise<string> => {
    const { visitor } = await app.get(WidgetService).session({ project, ip: SCENARIO_IP }, {});
    const sent = await app
      .get(MessagesService)
      .sendAsVisitor(
        { project, ip: SCENARIO_IP, visitorId: visitor.id },
        { body, clientMessageId: randomUUID() },
      );
    return sent.conversation.id;
  };
  const inbox = (userId: string, filter: Partial<InboxFilter> = {}) =>
    repo.inbox({ userId, limit: 50, ...filter });
  const ids = (rows: InboxRow[]) => rows.map((r) => r.conversation.id);

  before(async () => {
    app = await startMedium();
    recorder = sqlRecorder(app);
    repo = app.get(ConversationsRepository);
    s = await seedScenario(app);
    other = await seedScenario(app, 'Other');
    const projects = app.get(ProjectsService);
    const created = await projects.create(s.owner, {
      teamId: s.teamId,
      name: 'Docs',
      allowedOrigins: [],
      settings: {},
      requireIdentityVerification: false,
    });
    const docs = (await projects.findById(created.id))!;

    c.seeded = s.conversationId;
    c.a1 = await open(s.project, 'Where is my order?');
    await repo.update(c.a1, { status: 'pending', assigneeId: s.agent.id }, s.teamId, [
      'status',
      'assigneeId',
    ]);
    c.a2 = await open(s.project, 'Thanks, solved');
    await repo.update(c.a2, { status: 'resolved' }, s.teamId, ['status']);
    c.a3 = await open(s.project, 'Billing question');
    await repo.update(c.a3, { assigneeId: s.admin.id }, s.teamId, ['assigneeId']);
    c.b1 = await open(docs, 'Docs typo');
    // Later activity puts a3 first.
    const visitorId = (await app.get(AccessService).conversation(s.owner, c.a3)).conversation.visitorId;
    for (const body of ['Hello?', 'Anyone?']) {
      await app
        .get(MessagesService)
        .sendAsVisitor(
          { project: s.project, ip: SCENARIO_IP, visitorId },
          { body, clientMessageId: randomUUID(), conversationId: c.a3 },
        );
    }
  });
  after(() => app?.close());

  it("lists the user's teams' conversations, newest activity first, with visitor and unread count", async () => {
    const rows = await inbox(s.agent.id);
    expect(ids(rows)).toEqual([c.a3, c.b1, c.a2, c.a1, c.seeded]);
    expect(rows[0]).toMatchObject({
      unread: 3,
      conversation: { lastMessagePreview: 'Anyone?', assigneeId: s.admin.id },
      visitor: { name: null, email: null },
    });
    expect(rows.find((r) => r.conversation.id === c.seeded)).toMatchObject({
      unread: 0,
      visitor: { id: s.visitor.id, name: 'Vera Visitor', email: 'vera@example.com' },
    });
    // Every member sees the same inbox; nobody sees another team's.
    expect(ids(await inbox(s.owner.id))).toEqual(ids(rows));
    expect(ids(await inbox(other.owner.id))).toEqual([other.conversationId]);
    expect(await inbox(s.outsider.id)).toEqual([]);
  });

  it('filters by status, assignee and project, alone and together', async () => {
    const agent = s.agent.id;
    expect(ids(await inbox(agent, { status: 'open' }))).toEqual([c.a3, c.b1, c.seeded]);
    expect(ids(await inbox(agent, { status: 'resolved' }))).toEqual([c.a2]);
    expect(ids(await inbox(agent, { assignee: 'me' }))).toEqual([c.a1]);
    expect(ids(await inbox(s.admin.id, { assignee: 'me' }))).toEqual([c.a3]);
    expect(ids(await inbox(agent, { assignee: s.admin.id }))).toEqual([c.a3]);
    expect(ids(await inbox(agent, { assignee: 'none' }))).toEqual([c.b1, c.a2, c.seeded]);
    expect(ids(await inbox(agent, { projectId: s.project.id, status: 'open' }))).toEqual([c.a3, c.seeded]);
    expect(ids(await inbox(agent, { projectId: s.project.id, assignee: 'none' }))).toEqual([c.a2, c.seeded]);
    // A project of another team filters to nothing (the service answers 404 before asking).
    expect(await inbox(agent, { projectId: other.project.id })).toEqual([]);
  });

  it('pages with the last row as cursor: limit + 1 rows, no row twice, none left out', async () => {
    const everything = ids(await inbox(s.agent.id));
    const pages: string[][] = [];
    let cursor: InboxFilter['cursor'];
    for (;;) {
      const rows = await inbox(s.agent.id, { limit: 2, cursor });
      const page = rows.slice(0, 2);
      pages.push(ids(page));
      if (rows.length <= 2) break;
      const last = page.at(-1)!;
      cursor = { at: last.activityKey, id: last.conversation.id };
    }
    expect(pages).toEqual([everything.slice(0, 2), everything.slice(2, 4), everything.slice(4)]);

    const open = await inbox(s.agent.id, { status: 'open', limit: 1 });
    expect(open).toHaveLength(2);
    const next = await inbox(s.agent.id, {
      status: 'open',
      limit: 1,
      cursor: { at: open[0].activityKey, id: open[0].conversation.id },
    });
    expect(ids(next)).toEqual([c.b1, c.seeded]);
  });

  it('keeps microsecond activity keys, so a cursor between rows of one millisecond is exact', async () => {
    const [first] = await inbox(s.agent.id, { limit: 1 });
    expect(first.activityKey).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(first.activityKey)).toBe(first.conversation.lastMessageAt.getTime());
  });

  it('runs the SQL pinned in __sql__/inbox.sql', async () => {
    const [first] = await inbox(s.agent.id, { limit: 1 });
    const cursor = { at: first.activityKey, id: first.conversation.id };
    const plain = await recorder.record(() => inbox(s.agent.id, { limit: 20 }));
    const filtered = await recorder.record(() =>
      inbox(s.agent.id, { projectId: s.project.id, status: 'open', assignee: 'me', cursor, limit: 20 }),
    );
    const unassigned = await recorder.record(() => inbox(s.agent.id, { assignee: 'none', limit: 20 }));
    expectSqlSnapshot('inbox.sql', {
      'inbox, first page, no filter': plain.statements,
      'inbox, next page of one project, status open, assigned to me': filtered.statements,
      'inbox, unassigned': unassigned.statements,
    });
  });
});
