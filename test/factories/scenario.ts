// The one place the medium tier's seed touches service and file names: adapt here when they move.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthUser } from '../../src/platform/auth/auth-user';
import type { Project, TeamRole } from '../../src/db/schema';
import { AccessTokenService } from '../../src/modules/auth/access-token.service';
import { AuthService } from '../../src/modules/auth/auth.service';
import type { MessageView } from '../../src/modules/messages/message.views';
import { MessagesService } from '../../src/modules/messages/messages.service';
import { ProjectsService } from '../../src/modules/projects/projects.service';
import { TeamsService } from '../../src/modules/teams/teams.service';
import type { WidgetContext } from '../../src/modules/widget/widget-auth.service';
import { WidgetService } from '../../src/modules/widget/widget.service';
import type { MediumApp } from '../support/medium';

/** A registered user, usable as the `AuthUser` argument of any service. */
export interface ScenarioUser extends AuthUser {
  email: string;
  name: string;
  /** The team that came with the account (the outsider's lives there; members' stay empty). */
  ownTeamId: string;
}

export interface Scenario {
  /** Owner of `teamId`; `admin` and `agent` are members with those roles. */
  owner: ScenarioUser;
  admin: ScenarioUser;
  agent: ScenarioUser;
  /** In no team of the owner's: everything below is invisible to them. */
  outsider: ScenarioUser;
  teamId: string;
  project: Project;
  visitor: { id: string; token: string; widget: WidgetContext };
  /** Opened by the visitor; seq 1 visitor message, 2 agent reply, 3 internal note (admin). */
  conversationId: string;
  messages: { visitor: MessageView; reply: MessageView; note: MessageView };
}

const PASSWORD = 'correct-horse-battery';
export const SCENARIO_IP = '203.0.113.10';

/** Seeds one team's support set-up through the real services. Unique per call: seed several per app. */
export async function seedScenario(app: MediumApp, label = 'Acme'): Promise<Scenario> {
  const owner = await register(app, `${label} Owner`);
  const admin = await register(app, `${label} Admin`);
  const agent = await register(app, `${label} Agent`);
  const outsider = await register(app, `${label} Outsider`);
  const teamId = owner.ownTeamId;
  await join(app, owner, teamId, admin, 'admin');
  await join(app, owner, teamId, agent, 'agent');

  const projects = app.get(ProjectsService);
  const created = await projects.create(owner, {
    teamId,
    name: `${label} site`,
    allowedOrigins: [],
    settings: {},
    requireIdentityVerification: false,
  });
  const project = (await projects.findById(created.id))!;

  const messages = app.get(MessagesService);
  const session = await app
    .get(WidgetService)
    .session({ project, ip: SCENARIO_IP }, { visitor: { name: 'Vera Visitor', email: 'vera@example.com' } });
  const widget: WidgetContext = {
    project,
    ip: SCENARIO_IP,
    visitorId: session.visitor.id,
    visitorToken: session.visitorToken,
  };
  const opened = await messages.sendAsVisitor(widget, {
    body: `Hello from a ${label} visitor`,
    clientMessageId: randomUUID(),
  });
  const conversationId = opened.conversation.id;
  const reply = await messages.sendAsAgent(agent, conversationId, {
    body: 'Happy to help',
    clientMessageId: randomUUID(),
    private: false,
  });
  const note = await messages.sendAsAgent(admin, conversationId, {
    body: 'Internal: VIP customer',
    clientMessageId: randomUUID(),
    private: true,
  });
  return {
    owner,
    admin,
    agent,
    outsider,
    teamId,
    project,
    visitor: {
      id: opened.visitorId,
      token: opened.visitorToken,
      widget,
    },
    conversationId,
    messages: { visitor: opened.message, reply: reply.message, note: note.message },
  };
}

async function register(app: MediumApp, name: string): Promise<ScenarioUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}@example.com`;
  const registered = await app.get(AuthService).register({ email, password: PASSWORD, name });
  // The session id lives in the access token, as for a real request.
  const auth = await app.get(AccessTokenService).verify(registered.accessToken);
  return { ...auth, email, name, ownTeamId: registered.team!.id };
}

/** An invitation from `inviter`, accepted by `member`: the path the API takes. */
async function join(
  app: MediumApp,
  inviter: AuthUser,
  teamId: string,
  member: ScenarioUser,
  role: TeamRole,
): Promise<void> {
  const teams = app.get(TeamsService);
  const invitation = await teams.invite(inviter, teamId, { email: member.email, role });
  await teams.accept(member, invitation.token);
}
