import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { createProject, registerAccount, registerMember, type Account } from '../factories/accounts';
import { agentReply, openSession, startConversation, visitorSend } from '../factories/widget';
import { expectError } from '../support/expect-error';
import { NASTY_STRINGS } from '../support/bad-input';

type Hit = {
  conversation: { id: string };
  matches: {
    messageId: string;
    seq: number;
    private: boolean;
    snippet: string;
    highlights: { start: number; end: number }[];
  }[];
};

// Search for agents: message bodies (internal notes included) and visitors, never across teams.
describe('search', () => {
  let s: AppWithProject;
  let agent: Account;
  let stranger: Account;
  let noted: { conversationId: string; noteId: string; noteSeq: number };

  const search = (token: string, params: Record<string, string>) =>
    s.api.get(`/api/v1/search?${new URLSearchParams(params)}`, { token });
  const highlighted = (h: Hit['matches'][number]) => h.highlights.map((r) => h.snippet.slice(r.start, r.end));

  before(async () => {
    s = await startAppWithProject();
    agent = await registerMember(s.api, s.owner, 'Searcher', 'agent');
    stranger = await registerAccount(s.api, 'Stranger');
    const strangerProject = await createProject(s.api, stranger);
    const visitor = await startConversation(s.api, s.project, 'Where is my parcel? It was due on Monday.');
    const note = await agentReply(
      s.api,
      s.owner.token,
      visitor.conversationId,
      'VIP customer, flamingo account',
      true,
    );
    noted = { conversationId: visitor.conversationId, noteId: note.id, noteSeq: note.seq };
    // The stranger's team has the same words: they must never show up for us, nor ours for them.
    const theirs = await startConversation(s.api, strangerProject, 'flamingo parcel in their team');
    await agentReply(s.api, stranger.token, theirs.conversationId, 'their flamingo note', true);
    await openSession(s.api, s.project, { name: 'Jane Doe', email: 'jane.doe@example.org' });
    await openSession(s.api, strangerProject, { name: 'Jane Other', email: 'jane.doe@example.net' });
  });
  after(() => s.t.close());

  it('finds a word in an internal note for an agent of the team, with the note marked and highlighted', async () => {
    const res = await search(agent.token, { q: 'flamingo' });
    expect(res.status).toBe(200);
    const hits: Hit[] = res.body.data.conversations;
    expect(hits.map((h) => h.conversation.id)).toEqual([noted.conversationId]);
    const [match] = hits[0].matches;
    expect(match).toMatchObject({ messageId: noted.noteId, seq: noted.noteSeq, private: true });
    expect(highlighted(match)).toEqual(['flamingo']);
  });

  it("never finds another team's conversations or visitors", async () => {
    const ours = await search(stranger.token, { q: 'flamingo' });
    expect(ours.body.data.conversations).toHaveLength(1);
    expect(ours.body.data.conversations[0].conversation.id).not.toBe(noted.conversationId);
    const visitors = await search(stranger.token, { q: 'jane.doe@' });
    expect(visitors.body.data.visitors.map((v: { email: string }) => v.email)).toEqual([
      'jane.doe@example.net',
    ]);
    // Naming our project is a 404 for them, not an empty result.
    expectError(
      await search(stranger.token, { q: 'parcel', projectId: s.project.id }),
      404,
      'PROJECT_NOT_FOUND',
    );
  });

  it('matches the last word as a prefix while typing, and websearch syntax', async () => {
    for (const q of ['flamin', 'parcel monda', '"where is my"', 'parcel -flamingo', 'parcel or zebra']) {
      const res = await search(agent.token, { q });
      expect({ q, found: res.body.data.conversations.map((h: Hit) => h.conversation.id) }).toEqual({
        q,
        found: [noted.conversationId],
      });
    }
    // One character is no prefix (it would match most of the index): "f" is only the word "f".
    for (const q of ['flamin ', '"flamin"', 'parcel -monday', 'zebra', 'f', 'vip f']) {
      const res = await search(agent.token, { q });
      expect({ q, found: res.body.data.conversations }).toEqual({ q, found: [] });
    }
  });

  it('finds visitors by part of their email, name or external id', async () => {
    for (const q of ['doe@exam', 'JANE D', 'example.org']) {
      const res = await search(agent.token, { q });
      expect(res.body.data.visitors.map((v: { email: string }) => v.email)).toEqual(['jane.doe@example.org']);
    }
    const list = await s.api.get(`/api/v1/projects/${s.project.id}/visitors?q=doe%40exam`, {
      token: agent.token,
    });
    expect(list.body.data.map((v: { name: string }) => v.name)).toEqual(['Jane Doe']);
    // LIKE wildcards in the text are literal.
    const wild = await search(agent.token, { q: '%_%' });
    expect(wild.body.data.visitors).toEqual([]);
  });

  it('pages conversations by relevance then newest, without repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await startConversation(s.api, s.project, `invoice number ${i}`)).conversationId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await search(agent.token, { q: 'invoice', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.conversations.map((h: Hit) => h.conversation.id));
      cursor = res.body.data.nextCursor ?? undefined;
      if (cursor) expect(res.body.data.visitors).toEqual(seen.length > 2 ? [] : res.body.data.visitors);
    } while (cursor);
    // Equal relevance: newest first.
    expect(seen).toEqual([...ids].reverse());
  });

  it('returns snippets as plain text: markup in a message stays text, markers cannot be forged', async () => {
    const v = await startConversation(s.api, s.project, 'if 5 < 6 & 7 > 3 then toucan \uE000fake\uE001');
    const res = await search(agent.token, { q: 'toucan' });
    const [match] = res.body.data.conversations.find(
      (h: Hit) => h.conversation.id === v.conversationId,
    ).matches;
    expect(match.snippet).toContain('5 < 6 & 7 > 3');
    expect(match.snippet).not.toMatch(/[\uE000\uE001]/);
    expect(highlighted(match)).toEqual(['toucan']);
  });

  it('filters by status and project, and refuses bad input with 400s', async () => {
    const resolved = await search(agent.token, { q: 'flamingo', status: 'resolved' });
    expect(resolved.body.data.conversations).toEqual([]);
    const inProject = await search(agent.token, { q: 'flamingo', projectId: s.project.id });
    expect(inProject.body.data.conversations).toHaveLength(1);
    expectError(await search(agent.token, { q: '' }), 400, 'VALIDATION_FAILED');
    expectError(await search(agent.token, { q: 'x', cursor: 'garbage' }), 400, 'INVALID_CURSOR');
    // A forged rank PostgreSQL cannot read as a real is refused like any bad cursor, never a 500.
    for (const rank of ['.', 'e', '1e999', '-', '1e-60', '+.e']) {
      const cursor = Buffer.from(
        JSON.stringify({ rank, newest: new Date().toISOString(), id: noted.conversationId }),
      ).toString('base64url');
      expectError(await search(agent.token, { q: 'parcel', cursor }), 400, 'INVALID_CURSOR');
    }
    for (const q of NASTY_STRINGS.filter((n) => n.trim() && !n.includes('\u0000') && n !== '\ud800')) {
      const res = await search(agent.token, { q });
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
    }
  });

  it('sends nothing but a visitor message when a visitor writes the word (search reads, never writes)', async () => {
    const before = await search(agent.token, { q: 'pelican' });
    expect(before.body.data.conversations).toEqual([]);
    const sent = await visitorSend(s.api, s.project, 'a pelican appeared');
    const res = await search(agent.token, { q: 'pelican' });
    expect(res.body.data.conversations.map((h: Hit) => h.conversation.id)).toEqual([sent.conversation.id]);
  });
});
