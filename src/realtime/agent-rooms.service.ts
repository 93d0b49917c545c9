import { Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { PresenceService } from '../modules/presence/presence.service';
import { AccessService } from '../modules/access/access.service';
import { projectRoom, RealtimeBus } from './realtime-bus.service';
import type { AgentAccessEvent } from './realtime.events';
import { safeMessage } from './socket-helpers';
import type { StatefulSocket } from './socket-state';

const userRoom = (userId: string): string => `user:${userId}`;

/**
 * Which rooms an agent socket is in, and its presence there. Kept in step with the database: when a
 * team's members or projects change, or a session is revoked, connected sockets follow at once.
 */
@Injectable()
export class AgentRooms {
  private readonly logger = new Logger(AgentRooms.name);

  constructor(
    private readonly access: AccessService,
    private readonly presence: PresenceService,
    private readonly bus: RealtimeBus,
  ) {}

  async enter(socket: StatefulSocket): Promise<void> {
    const agent = socket.data.agent!;
    await socket.join([userRoom(agent.id), ...agent.projectIds.map(projectRoom)]);
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

  /** Applies a membership, project or session change to this node's agent sockets. */
  async apply(nsp: Namespace, event: AgentAccessEvent): Promise<void> {
    for (const socket of nsp.sockets.values() as Iterable<StatefulSocket>) {
      const agent = socket.data.agent;
      if (!agent) continue;
      if (event.type === 'session.revoked') {
        if (agent.sessionId !== event.sessionId) continue;
        socket.emit('session.expired');
        socket.disconnect(true);
      } else if (agent.id === event.userId || agent.teamIds.includes(event.teamId)) {
        await this.rescope(socket).catch((err: unknown) =>
          this.logger.warn(`could not update rooms of socket ${socket.id}: ${safeMessage(err)}`),
        );
      }
    }
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

  private async rescope(socket: StatefulSocket): Promise<void> {
    const agent = socket.data.agent!;
    const next = await this.access.scope(agent);
    // Closed meanwhile: a join now would leave a room entry behind that nothing removes.
    if (!socket.connected) return;
    const removed = agent.projectIds.filter((id) => !next.projectIds.includes(id));
    const added = next.projectIds.filter((id) => !agent.projectIds.includes(id));
    Object.assign(agent, next);
    for (const id of removed) await socket.leave(projectRoom(id));
    if (added.length > 0 && socket.connected) await socket.join(added.map(projectRoom));
    if (removed.length > 0) await this.goOffline(socket, removed);
    if (added.length > 0) await this.goOnline(socket, added);
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
