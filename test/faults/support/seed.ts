import { randomUUID } from 'node:crypto';
import { createProject, registerAccount, type Account, type ProjectInfo } from '../../factories/accounts';
import { widgetHeaders } from '../../factories/widget';
import { httpClient } from '../../support/http';

export interface FaultSeed {
  owner: Account;
  project: ProjectInfo;
  /** A visitor session (POST /widget/session) with one open conversation. */
  visitorToken: string;
  conversationId: string;
}

/** An owner, a project and a visitor with one conversation, seeded through a running node's API. */
export async function seedThroughApi(baseUrl: string): Promise<FaultSeed> {
  const api = httpClient(baseUrl);
  const owner = await registerAccount(api, 'Owner');
  const project = await createProject(api, owner);
  const visitorToken = await openVisitorSession(baseUrl, project.publicKey);
  const first = await api.post('/api/v1/messages', {
    headers: widgetHeaders(project.publicKey, visitorToken),
    body: { body: 'first', clientMessageId: randomUUID() },
  });
  if (first.status !== 201) throw new Error(`first message: ${first.status} ${JSON.stringify(first.body)}`);
  return { owner, project, visitorToken, conversationId: first.body.data.conversation.id };
}

/** A visitor token from POST /widget/session. */
export async function openVisitorSession(baseUrl: string, projectKey: string): Promise<string> {
  const res = await httpClient(baseUrl).post('/api/v1/widget/session', {
    headers: widgetHeaders(projectKey),
    body: {},
  });
  if (res.status !== 200) throw new Error(`widget session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.visitorToken;
}
