import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../platform/auth/auth-user';
import type { Namespace } from 'socket.io';
import { PresenceService } from '../modules/presence/presence.service';
import type { AgentScope } from '../modules/access/access.repository';
import { AccessService } from '../modules/access/access.service';
import { AccessTokenService } from '../modules/auth/access-token.service';
import { projectRoom, RealtimeBus } from './realtime-bus.service';
import type { AgentAccessEvent } from './realtime.events';
import { safeMessage } from './socket-helpers';
import type { StatefulSocket } from './socket-state';

const endSession = (socket: StatefulSocket): void => {
  socket.emit('session.expired');
  socket.disconnect(true);
};
const userRoom = (userId: string): string => `user:${userId}`;
/**
 * Gives a socket's agent a freshly read scope. Sockets of one user share the read, and leaveTeam
 * edits `teamOf` in place: each gets its own copy.
 */
const adoptScope = (agent: AgentScope, scope: AgentScope): void =>
  void Object.assign(agent, { ...scope, teamOf: { ...scope.teamOf } });
/** Scope re-reads a connecting socket makes while access keeps changing, before it joins anyway. */
const MAX_ENTRY_READS = 3;

/**
 * Which rooms an agent socket is in, and its presence there. Kept in step with the database: when a
 * team's members or projects change, or a session is revoked, connected sockets follow at once.
 */
@Injectable()
export class AgentRooms {
  private readonly logger = new Logger(AgentRooms.name);
  /** Agent sockets whose rooms must be re-read from the database (see rescopeStale). */
  private readonly stale = new Set<StatefulSocket>();
  private rescoping?: Promise<void>;
  /** Access changes this node has applied: a handshake that read its scope before the last one is stale. */
  private changes = 0;

  constructor(
    private readonly access: AccessService,
    private readonly presence: PresenceService,
    private readonly bus: RealtimeBus,
    private readonly tokens: AccessTokenService,
  ) {}

  /** An agent's scope for a handshake, and the point in this node's access changes it was read at. */
  async scopeOf(user: AuthUser): Promise<{ scope: AgentScope; scopedAt: number }> {
    const scopedAt = this.changes;
    return { scope: await this.access.scope(user), scopedAt };
  }

  /**
   * Joins the socket's rooms. A change applied while it was handshaking means its scope is stale: it
   * is read again (a few times at most under churn; past that the socket is re-scoped with the next
   * round) before any room is joined, so a member removed meanwhile never enters the team's rooms.
   */
  async enter(socket: StatefulSocket): Promise<void> {
    const agent = socket.data.agent!;
    for (let reads = 0; socket.data.scopedAt !== this.changes && reads < MAX_ENTRY_READS; reads++) {
      const { scope, scopedAt } = await this.scopeOf(agent);
      adoptScope(agent, scope);
      socket.data.scopedAt = scopedAt;
    }
    await socket.join([userRoom(agent.id), ...agent.projectIds.map(projectRoom)]);
    if (socket.data.scopedAt !== this.changes) {
      this.stale.add(socket);
      this.rescopeStale();
    }
  }

  /** Marks the socket online, unless it closed meanwhile (its disconnect handler has already run). */
  async goOnline(socket: StatefulSocket, projectIds = socket.data.agent!.projectIds): Promise<void> {
    if (!socket.connected) return;
    await this.presence.join(projectIds, socket.data.agent!.id, socket.id);
    await this.announce(projectIds);
  }

  async goOffline(socket: StatefulSocket, projectIds = socket.data.agent!.projectIds): Promise<void> {
    await this.presence.leave(projectIds, socket.data.agent!.id, socket.id);
    await this.announce(projectIds);
  }

  /**
   * Applies a membership, project or session change to this node's agent sockets. What it can do
   * without the database happens before it returns: a revoked session's sockets close, and a
   * member who left a team leaves that team's project rooms, so nothing of the team reaches them
   * after the request that removed them answered. Then the affected sockets are re-scoped from the
   * database (see rescopeStale).
   */
  apply(nsp: Namespace, event: AgentAccessEvent): void {
    if (event.type === 'access.changed') this.changes += 1;
    for (const socket of nsp.sockets.values() as Iterable<StatefulSocket>) {
      const agent = socket.data.agent;
      if (!agent) continue;
      if (event.type === 'session.revoked') {
        if (agent.sessionId === event.sessionId) endSession(socket);
      } else if (agent.id === event.userId || agent.teamIds.includes(event.teamId)) {
        if (event.revoked && agent.id === event.userId) this.leaveTeam(socket, event.teamId);
        this.stale.add(socket);
      }
    }
    this.rescopeStale();
  }

  /**
   * Repairs this node's agent sockets after its link to the bus was down, when access.changed and
   * session.revoked events may have been lost on the way: every socket is re-scoped from the database
   * (and handshakes in flight read again), and those whose session was revoked meanwhile close.
   * Resolves once both are done.
   */
  async repair(nsp: Namespace): Promise<void> {
    this.changes += 1;
    const sockets = [...(nsp.sockets.values() as Iterable<StatefulSocket>)].filter((s) => s.data.agent);
    for (const socket of sockets) this.stale.add(socket);
    this.rescopeStale();
    const sessions = new Set(sockets.map((s) => s.data.agent!.sessionId));
    const active = await this.tokens.activeSessions([...sessions]);
    for (const socket of sockets) if (!active.has(socket.data.agent!.sessionId)) endSession(socket);
    await this.rescoping;
  }

  /**
   * Refreshes every local agent socket's presence before it expires, then re-reads the projects this
   * node's sockets watch and announces (locally) those whose agents changed: a crashed node's
   * sockets expire without anyone leaving, and each node tells its own sockets.
   */
  async heartbeat(nsp: Namespace): Promise<void> {
    for (const socket of nsp.sockets.values() as Iterable<StatefulSocket>) {
      const agent = socket.data.agent;
      if (agent && socket.connected) await this.presence.join(agent.projectIds, agent.id, socket.id);
    }
    const online = await this.presence.onlineAgentsMany(this.bus.watchedProjects());
    for (const [projectId, agentIds] of online) this.bus.presenceChanged(projectId, agentIds);
  }

  private leaveTeam(socket: StatefulSocket, teamId: string): void {
    const agent = socket.data.agent!;
    const dropped = agent.projectIds.filter((id) => agent.teamOf[id] === teamId);
    agent.teamIds = agent.teamIds.filter((id) => id !== teamId);
    agent.projectIds = agent.projectIds.filter((id) => agent.teamOf[id] !== teamId);
    for (const id of dropped) {
      delete agent.teamOf[id];
      // Synchronous on both adapters: rooms are this node's own sets.
      void socket.leave(projectRoom(id));
    }
    if (dropped.length > 0) {
      this.goOffline(socket, dropped).catch((err: unknown) =>
        this.logger.warn(`could not update presence of socket ${socket.id}: ${safeMessage(err)}`),
      );
    }
  }

  /**
   * Re-scopes the sockets marked stale, one round at a time: a round reads the scopes of all its
   * sockets' users in one query, then applies them. Sockets marked again during a round's read are
   * left to the next round, whose read is newer: a socket's re-scopes never overlap, and none applies
   * a read older than the last change that named it.
   */
  private rescopeStale(): void {
    if (this.rescoping) return;
    this.rescoping = this.rescopeRounds().finally(() => {
      this.rescoping = undefined;
      if (this.stale.size > 0) this.rescopeStale();
    });
  }

  private async rescopeRounds(): Promise<void> {
    while (this.stale.size > 0) {
      const sockets = [...this.stale].filter((s) => s.connected && s.data.agent);
      this.stale.clear();
      let scopes: Map<string, AgentScope>;
      try {
        scopes = await this.access.scopes([...new Set(sockets.map((s) => s.data.agent!.id))]);
      } catch (err) {
        this.logger.warn(`could not update rooms of ${sockets.length} agent sockets: ${safeMessage(err)}`);
        continue;
      }
      // Rooms change synchronously, socket by socket, right after the check: a socket marked again
      // since this round's read (e.g. its member was just removed) waits for the next, newer read.
      const presence = sockets
        .filter((socket) => !this.stale.has(socket))
        .map((socket) => this.rescope(socket, scopes.get(socket.data.agent!.id)!));
      await Promise.all(presence);
    }
  }

  /** Moves the socket's rooms to `next` at once; its presence follows (the promise). */
  private rescope(socket: StatefulSocket, next: AgentScope): Promise<void> {
    const agent = socket.data.agent!;
    // Closed meanwhile: a join now would leave a room entry behind that nothing removes.
    if (!socket.connected) return Promise.resolve();
    const removed = agent.projectIds.filter((id) => !next.projectIds.includes(id));
    const added = next.projectIds.filter((id) => !agent.projectIds.includes(id));
    adoptScope(agent, next);
    // Synchronous on both adapters (rooms are this node's own sets), so nothing runs in between.
    for (const id of removed) void socket.leave(projectRoom(id));
    if (added.length > 0) void socket.join(added.map(projectRoom));
    return (async () => {
      if (removed.length > 0) await this.goOffline(socket, removed);
      if (added.length > 0) await this.goOnline(socket, added);
    })().catch((err: unknown) =>
      this.logger.warn(`could not update presence of socket ${socket.id}: ${safeMessage(err)}`),
    );
  }

  private async announce(projectIds: string[]): Promise<void> {
    for (const projectId of projectIds) {
      this.bus.publish({
        type: 'presence',
        projectId,
        agentIds: await this.presence.onlineAgents(projectId),
      });
    }
  }
}
