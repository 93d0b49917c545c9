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
  /** Ids by kind: team, project, conversation, member (= user), invitation, message. */
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
    attachments: 'attachment',
  };
  return bySegment[segment];
}
