import { randomUUID } from 'node:crypto';
import type { HttpClient } from '../support/http';
import type { ProjectInfo } from './accounts';

export interface VisitorSession {
  token: string;
  conversationId: string;
  visitorId?: string;
}

export const widgetHeaders = (projectKey: string, visitorToken?: string): Record<string, string> => ({
  'x-project-key': projectKey,
  ...(visitorToken ? { 'x-visitor-token': visitorToken } : {}),
});

/** A new visitor's token (POST /widget/session), as the widget gets one before its first message. */
export async function openSession(
  api: HttpClient,
  project: ProjectInfo,
  visitor?: Record<string, unknown>,
): Promise<string> {
  const res = await api.post('/api/v1/widget/session', {
    headers: widgetHeaders(project.publicKey),
    body: visitor ? { visitor } : {},
  });
  if (res.status !== 200) throw new Error(`session failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.visitorToken;
}

/**
 * Sends a visitor message through the widget API (without a session, it opens one first); throws
 * unless it was stored (201) or replayed (200).
 */
export async function visitorSend(
  api: HttpClient,
  project: ProjectInfo,
  body: string,
  session?: { token: string; conversationId?: string },
  extra: Record<string, unknown> = {},
): Promise<{ message: any; conversation: any; visitorToken: string; visitorId: string; status: number }> {
  const token = session?.token ?? (await openSession(api, project));
  const res = await api.post('/api/v1/messages', {
    headers: widgetHeaders(project.publicKey, token),
    body: { body, clientMessageId: randomUUID(), conversationId: session?.conversationId, ...extra },
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body.data, status: res.status };
}

/** A new visitor with one conversation opened by its first message. */
export async function startConversation(
  api: HttpClient,
  project: ProjectInfo,
  body = 'Hello!',
): Promise<VisitorSession> {
  const first = await visitorSend(api, project, body);
  return { token: first.visitorToken, conversationId: first.conversation.id };
}

export async function agentReply(
  api: HttpClient,
  agentToken: string,
  conversationId: string,
  body: string,
  isPrivate = false,
): Promise<any> {
  const res = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
    token: agentToken,
    body: { body, clientMessageId: randomUUID(), private: isPrivate },
  });
  if (res.status !== 201) throw new Error(`reply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}
