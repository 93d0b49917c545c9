import type { HttpClient } from '../support/http';
import {
  createProject,
  registerAccount,
  registerMember,
  uniqueEmail,
  type Account,
  type ProjectInfo,
} from './accounts';
import { PNG_1x1, upload } from './attachments';
import { agentReply, visitorSend, widgetHeaders } from './widget';

/** One team with something of every kind, for sweeps that need an id for every path parameter. */
export interface Tenant {
  owner: Account;
  /** A second member (agent) of the owner's team. */
  member: Account;
  project: ProjectInfo;
  invitationId: string;
  conversationId: string;
  /** A visitor message and an agent reply in the conversation. */
  messageIds: string[];
  visitorToken: string;
  /** Ids by kind: team, project, conversation, member (= user), invitation, message, label, cannedResponse, visitor,
   * webhook, delivery, attachment. */
  ids: Record<string, string>;
}

function ok<T = any>(res: { status: number; body: any }, what: string): T {
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as T;
}

export async function seedTenant(api: HttpClient, name: string): Promise<Tenant> {
  const owner = await registerAccount(api, `${name}Owner`);
  const member = await registerMember(api, owner, `${name}Agent`, 'agent');
  const invitation = ok(
    await api.post(`/api/v1/teams/${owner.teamId}/invitations`, {
      token: owner.token,
      body: { email: uniqueEmail(`${name.toLowerCase()}-invitee`), role: 'agent' },
    }),
    'invite',
  );
  const project = await createProject(api, owner);
  const sent = await visitorSend(api, project, `hello from ${name}`);
  const conversationId: string = sent.conversation.id;
  const reply = await agentReply(api, owner.token, conversationId, `reply to ${name}`);
  const messageIds: string[] = [sent.message.id, reply.id];
  const label = ok(
    await api.post(`/api/v1/teams/${owner.teamId}/labels`, {
      token: owner.token,
      body: { name: `${name} vip`, color: '#1f6feb' },
    }),
    'label',
  );
  ok(
    await api.put(`/api/v1/conversations/${conversationId}/labels`, {
      token: owner.token,
      body: { labelIds: [label.id] },
    }),
    'set labels',
  );
  const canned = ok(
    await api.post(`/api/v1/teams/${owner.teamId}/canned-responses`, {
      token: owner.token,
      body: { shortcut: 'hello', title: 'Greeting', body: 'Hi {{visitor.name | there}}!' },
    }),
    'canned response',
  );
  // A public address (no DNS needed), turned off so its ping is recorded but never sent.
  const webhook = ok(
    await api.post(`/api/v1/projects/${project.id}/webhooks`, {
      token: owner.token,
      body: { url: 'https://93.184.216.34/hooks', events: ['csat.submitted'] },
    }),
    'webhook',
  );
  ok(
    await api.patch(`/api/v1/webhooks/${webhook.id}`, { token: owner.token, body: { enabled: false } }),
    'disable',
  );
  const delivery = ok(await api.post(`/api/v1/webhooks/${webhook.id}/test`, { token: owner.token }), 'ping');
  // A visitor's upload, for the attachment routes.
  const attachment = ok(
    await upload(api.baseUrl, {
      headers: widgetHeaders(project.publicKey, sent.visitorToken),
      conversationId,
      bytes: PNG_1x1,
      filename: `${name}.png`,
    }),
    'upload',
  );
  return {
    owner,
    member,
    project,
    invitationId: invitation.id,
    conversationId,
    messageIds,
    visitorToken: sent.visitorToken,
    ids: {
      team: owner.teamId,
      project: project.id,
      conversation: conversationId,
      member: member.userId,
      user: member.userId,
      invitation: invitation.id,
      message: messageIds[0],
      label: label.id,
      cannedResponse: canned.id,
      visitor: sent.visitorId,
      webhook: webhook.id,
      delivery: delivery.id,
      attachment: attachment.id,
    },
  };
}

/** The id kind a path parameter names: `{id}` after /teams is a team, `{userId}` a member, ... */
export function idKindOf(param: string, segment: string): string | undefined {
  const byParam: Record<string, string> = {
    userId: 'member',
    memberId: 'member',
    assignee: 'member',
    assigneeId: 'member',
    labelIds: 'label',
    attachmentIds: 'attachment',
  };
  if (byParam[param]) return byParam[param];
  if (param !== 'id') return param.replace(/Id$/, '');
  const bySegment: Record<string, string> = {
    teams: 'team',
    projects: 'project',
    conversations: 'conversation',
    members: 'member',
    invitations: 'invitation',
    messages: 'message',
    labels: 'label',
    'canned-responses': 'cannedResponse',
    visitors: 'visitor',
    webhooks: 'webhook',
    attachments: 'attachment',
  };
  return bySegment[segment];
}
