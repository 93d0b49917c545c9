import { randomUUID } from 'node:crypto';
import { expectStatus } from './http';

/** Fixtures created through the public API, as the contract in issue 5 describes it. */
export interface Agent {
  accessToken: string;
  userId: string;
  teamId: string;
}

export interface Project {
  id: string;
  publicKey: string;
}

export interface VisitorConversation {
  visitorToken: string;
  conversationId: string;
}

export async function registerAgent(base: string): Promise<Agent> {
  const body = await expectStatus(201, 'POST', `${base}/api/v1/auth/register`, {
    body: { email: `bench-${randomUUID()}@example.com`, password: 'bench-password-123', name: 'Bench Agent' },
  });
  return { accessToken: body.data.accessToken, userId: body.data.user.id, teamId: body.data.team.id };
}

export async function createProject(base: string, agent: Agent): Promise<Project> {
  const body = await expectStatus(201, 'POST', `${base}/api/v1/projects`, {
    headers: { authorization: `Bearer ${agent.accessToken}` },
    body: { teamId: agent.teamId, name: 'Bench project' },
  });
  return { id: body.data.id, publicKey: body.data.publicKey };
}

/** Sends a widget message; without a token it opens a session first, without conversationId a conversation. */
export async function sendWidgetMessage(
  base: string,
  project: Project,
  opts: { visitorToken?: string; conversationId?: string; body?: string } = {},
): Promise<VisitorConversation & { message: any }> {
  const visitorToken =
    opts.visitorToken ??
    (
      await expectStatus(200, 'POST', `${base}/api/v1/widget/session`, {
        headers: { 'x-project-key': project.publicKey },
        body: {},
      })
    ).data.visitorToken;
  const res = await expectStatus(201, 'POST', `${base}/api/v1/messages`, {
    headers: { 'x-project-key': project.publicKey, 'x-visitor-token': visitorToken },
    body: {
      body: opts.body ?? 'Hello, I need help with my order',
      clientMessageId: randomUUID(),
      ...(opts.conversationId ? { conversationId: opts.conversationId } : {}),
    },
  });
  return {
    visitorToken: res.data.visitorToken ?? visitorToken,
    conversationId: res.data.conversation?.id ?? res.data.message.conversationId,
    message: res.data.message,
  };
}

export interface Fixture {
  base: string;
  agent: Agent;
  project: Project;
}

export async function createFixture(base: string): Promise<Fixture> {
  const agent = await registerAgent(base);
  const project = await createProject(base, agent);
  return { base, agent, project };
}
