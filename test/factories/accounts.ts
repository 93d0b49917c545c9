import { randomBytes } from 'node:crypto';
import type { HttpClient } from '../support/http';

export interface Account {
  token: string;
  refreshToken: string;
  userId: string;
  teamId: string;
  email: string;
  password: string;
}

export interface ProjectInfo {
  id: string;
  publicKey: string;
  secret: string;
  teamId: string;
}

export const uniqueEmail = (prefix = 'user'): string =>
  `${prefix}-${randomBytes(5).toString('hex')}@example.com`;

/** Registers a user (who owns a new team) through the API. */
export async function registerAccount(api: HttpClient, name = 'Agent'): Promise<Account> {
  const email = uniqueEmail(name.toLowerCase());
  const password = 'correct-horse-battery';
  const res = await api.post('/api/v1/auth/register', { body: { email, password, name } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const d = res.body.data;
  return {
    token: d.accessToken,
    refreshToken: d.refreshToken,
    userId: d.user.id,
    teamId: d.team.id,
    email,
    password,
  };
}

export async function createProject(
  api: HttpClient,
  account: Account,
  extra: Record<string, unknown> = {},
): Promise<ProjectInfo> {
  const res = await api.post('/api/v1/projects', {
    token: account.token,
    body: { teamId: account.teamId, name: 'Website', ...extra },
  });
  if (res.status !== 201) throw new Error(`create project failed: ${res.status} ${JSON.stringify(res.body)}`);
  const d = res.body.data;
  return { id: d.id, publicKey: d.publicKey, secret: d.secret, teamId: d.teamId };
}

/** Invites `email` into the owner's team with `role` and accepts as `member`. */
export async function addMember(
  api: HttpClient,
  owner: Account,
  member: Account,
  role: 'owner' | 'admin' | 'agent',
): Promise<void> {
  const invite = await api.post(`/api/v1/teams/${owner.teamId}/invitations`, {
    token: owner.token,
    body: { email: member.email, role },
  });
  if (invite.status !== 201)
    throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accept = await api.post('/api/v1/invitations/accept', {
    token: member.token,
    body: { token: invite.body.data.token },
  });
  if (accept.status !== 200)
    throw new Error(`accept failed: ${accept.status} ${JSON.stringify(accept.body)}`);
}

export type TeamRole = 'owner' | 'admin' | 'agent';

/** Registers a user and adds them to the owner's team with `role`. */
export async function registerMember(
  api: HttpClient,
  owner: Account,
  name: string,
  role: TeamRole,
): Promise<Account> {
  const member = await registerAccount(api, name);
  await addMember(api, owner, member, role);
  return member;
}

/** Invites `email` into `teamId` and returns the one-time invitation token. */
export async function inviteByEmail(
  api: HttpClient,
  inviter: Account,
  email: string,
  role: TeamRole,
  teamId = inviter.teamId,
): Promise<string> {
  const res = await api.post(`/api/v1/teams/${teamId}/invitations`, {
    token: inviter.token,
    body: { email, role },
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token;
}

/** Logs in with an account's credentials; returns the new session's tokens. */
export async function login(
  api: HttpClient,
  account: Pick<Account, 'email' | 'password'>,
): Promise<{ token: string; refreshToken: string }> {
  const res = await api.post('/api/v1/auth/login', {
    body: { email: account.email, password: account.password },
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.data.accessToken, refreshToken: res.body.data.refreshToken };
}
