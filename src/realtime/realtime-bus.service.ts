import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { DomainEvents } from '../platform/events/domain-events';
import { StreamFanout } from '../platform/redis/stream-fanout';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { toWidgetConversation } from '../modules/conversations/conversation.views';
import type {
  AgentAccessEvent,
  AgentServerEvents,
  BusEvent,
  PayloadOf,
  WidgetServerEvents,
} from './realtime.events';
import { safeMessage } from './socket-helpers';
import { deliver, emitsAsIs, type MessageRef, type StatefulSocket } from './socket-state';

const PROJECT_PREFIX = 'project:';
export const projectRoom = (projectId: string): string => `${PROJECT_PREFIX}${projectId}`;
export const visitorRoom = (visitorId: string): string => `visitor:${visitorId}`;

/**
 * Fans domain events out to sockets. Each node delivers to its own sockets (per socket, so a
 * resync can hold events back); other nodes get the event through a Redis stream, which they read
 * on from where they were after an outage (Socket.IO's serverSideEmit goes over PUB/SUB and loses
 * whatever is sent while a node is cut off). Once a node's link is back, its sockets get a
 * `resync` hint for what even the stream could not keep.
 */
@Injectable()
export class RealtimeBus implements OnModuleInit, OnApplicationShutdown {
  private agents?: Namespace;
  private widgets?: Namespace;
  private unsubscribe?: () => void;
  private readonly logger = new Logger(RealtimeBus.name);
  private accessListener?: (event: AgentAccessEvent) => void;
  private repairAgents?: () => Promise<void>;
  private closing = false;
  private fanout?: StreamFanout<BusEvent>;
  /** projectId → the agents last announced to this node's sockets. */
  private readonly presenceSeen = new Map<string, string>();

  constructor(
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe((e) => this.publish(e));
    if (!this.config.REDIS_URL) return;
    this.fanout = new StreamFanout<BusEvent>({
      url: this.config.REDIS_URL,
      stream: this.config.REALTIME_STREAM,
      onEntry: (event) => this.deliverLocal(event),
      onResumed: () => void this.linkRestored(),
    });
    this.fanout.start();
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /** Stops sending events to other nodes: the stream's connections are about to close. */
  stopPublishing(): void {
    this.closing = true;
  }

  /** Closes the stream's connections (after stopPublishing; what is queued goes out first, bounded). */
  async closeLink(): Promise<void> {
    await this.fanout?.close();
  }

  /**
   * Tells this node's sockets to reconnect and closes their transports (they retry, elsewhere).
   * Events still go to other nodes until stopPublishing: HTTP requests in flight may yet commit.
   */
  closeAll(): void {
    for (const nsp of [this.agents, this.widgets]) {
      if (!nsp) continue;
      for (const socket of nsp.sockets.values()) {
        socket.emit('server.shutdown', { reconnect: true });
        // Close the transport without a disconnect packet: the client sees "transport close" and
        // reconnects on its own (a server disconnect would stop it from retrying).
        socket.conn.close();
      }
    }
  }

  attach(kind: 'agent' | 'widget', nsp: Namespace): void {
    if (kind === 'widget') {
      this.widgets = nsp;
      return;
    }
    this.agents = nsp;
  }

  /** The agent gateway's handler for membership, project and session changes. */
  onAgentAccess(listener: (event: AgentAccessEvent) => void): void {
    this.accessListener = listener;
  }

  /** The agent gateway's repair of its sockets after lost access and session events (see linkRestored). */
  onLinkRestored(repair: () => Promise<void>): void {
    this.repairAgents = repair;
  }

  publish(event: BusEvent): void {
    this.deliverLocal(event);
    if (!this.closing) this.fanout?.publish(event);
  }

  /**
   * This node's link to the stream is back and events may have been lost: access and session changes
   * are repaired from the database (rooms are what keeps a removed member from a team's events), and
   * every socket is told to resync from its last contiguous seqs. Resolves once the repair is done.
   */
  async linkRestored(): Promise<void> {
    const repaired = this.repairAgents?.().catch((err: unknown) =>
      this.logger.warn(`could not repair agent sockets after the link: ${safeMessage(err)}`),
    );
    for (const nsp of [this.agents, this.widgets]) {
      for (const socket of nsp?.sockets.values() ?? []) socket.emit('resync', { reason: 'link-restored' });
    }
    await repaired;
  }

  /** The projects this node's sockets (agents or widgets) watch. */
  watchedProjects(): string[] {
    const ids = new Set<string>();
    for (const nsp of [this.agents, this.widgets]) {
      for (const room of nsp?.adapter.rooms.keys() ?? []) {
        if (room.startsWith(PROJECT_PREFIX)) ids.add(room.slice(PROJECT_PREFIX.length));
      }
    }
    for (const id of this.presenceSeen.keys()) if (!ids.has(id)) this.presenceSeen.delete(id);
    return [...ids];
  }

  /** Announces a project's agents to this node's sockets if they differ from what was last announced. */
  presenceChanged(projectId: string, agentIds: string[]): void {
    if ((this.presenceSeen.get(projectId) ?? '') === presenceKey(agentIds)) return;
    this.deliverLocal({ type: 'presence', projectId, agentIds });
  }

  private deliverLocal(e: BusEvent): void {
    switch (e.type) {
      case 'message.created': {
        const ref = { conversationId: e.message.conversationId, seq: e.message.seq };
        const agentPayload = { message: e.message, conversation: e.conversation };
        this.toAgents(projectRoom(e.conversation.projectId), 'message.created', agentPayload, ref);
        if (!e.message.private) {
          const payload = { message: e.message, conversation: toWidgetConversation(e.conversation) };
          this.toWidgets(visitorRoom(e.conversation.visitorId), 'message.created', payload, ref);
        }
        return;
      }
      case 'conversation.created': {
        const room = projectRoom(e.conversation.projectId);
        this.toAgents(room, e.type, { conversation: e.conversation });
        const widget = { conversation: toWidgetConversation(e.conversation) };
        this.toWidgets(visitorRoom(e.conversation.visitorId), e.type, widget);
        return;
      }
      case 'conversation.updated': {
        const { conversation, changes } = e;
        this.toAgents(projectRoom(conversation.projectId), e.type, { conversation, changes });
        // Labels are the team's own: a visitor hears of the other changes only.
        const visible = changes.filter((c) => c !== 'labels');
        const widget = { conversation: toWidgetConversation(conversation), changes: visible };
        if (visible.length > 0) this.toWidgets(visitorRoom(conversation.visitorId), e.type, widget);
        return;
      }
      case 'message.read': {
        const payload = { conversationId: e.conversation.id, side: e.side, lastReadSeq: e.lastReadSeq };
        this.toAgents(projectRoom(e.conversation.projectId), 'message.read', payload);
        if (e.side === 'agent') {
          // Read up to an internal note is, for the visitor, read up to its last visible message.
          const lastReadSeq = Math.min(e.lastReadSeq, e.conversation.lastPublicSeq);
          this.toWidgets(visitorRoom(e.conversation.visitorId), 'message.read', { ...payload, lastReadSeq });
        }
        return;
      }
      case 'csat.submitted':
        this.toAgents(projectRoom(e.conversation.projectId), e.type, {
          rating: e.rating,
          conversation: e.conversation,
        });
        return;
      case 'typing': {
        const { senderId, private: isPrivate, ...widgetPayload } = e.typing;
        const notSender = (s: StatefulSocket) => s.data.agent?.id !== senderId;
        this.toAgents(projectRoom(e.projectId), 'typing', e.typing, undefined, notSender);
        if (e.typing.side === 'agent' && !isPrivate)
          this.toWidgets(visitorRoom(e.visitorId), 'typing', widgetPayload);
        return;
      }
      case 'access.changed':
      case 'session.revoked':
        this.accessListener?.(e);
        return;
      case 'presence': {
        this.presenceSeen.set(e.projectId, presenceKey(e.agentIds));
        const online = e.agentIds.length > 0;
        this.toAgents(projectRoom(e.projectId), 'presence', {
          projectId: e.projectId,
          agentIds: e.agentIds,
          online,
        });
        this.toWidgets(projectRoom(e.projectId), 'presence', { projectId: e.projectId, online });
        return;
      }
    }
  }

  private toAgents<E extends keyof AgentServerEvents>(
    room: string,
    event: E,
    payload: PayloadOf<AgentServerEvents, E>,
    message?: MessageRef,
    filter?: (s: StatefulSocket) => boolean,
  ): void {
    this.toRoom(this.agents, room, event, payload, message, filter);
  }

  private toWidgets<E extends keyof WidgetServerEvents>(
    room: string,
    event: E,
    payload: PayloadOf<WidgetServerEvents, E>,
    message?: MessageRef,
  ): void {
    this.toRoom(this.widgets, room, event, payload, message);
  }

  private toRoom(
    nsp: Namespace | undefined,
    room: string,
    event: string,
    payload: unknown,
    message?: MessageRef,
    filter?: (s: StatefulSocket) => boolean,
  ): void {
    const ids = nsp?.adapter.rooms.get(room);
    if (!nsp || !ids) return;
    const asIs: string[] = [];
    for (const id of ids) {
      const socket = nsp.sockets.get(id) as StatefulSocket | undefined;
      if (!socket || (filter && !filter(socket))) continue;
      if (emitsAsIs(socket, message)) asIs.push(id);
      else deliver(socket, event, payload, message);
    }
    // A broadcast encodes the packet (and its websocket frame) once for all of them.
    if (asIs.length === 1) nsp.sockets.get(asIs[0])?.emit(event, payload);
    else if (asIs.length > 1) nsp.local.to(asIs).emit(event, payload);
  }
}

const presenceKey = (agentIds: string[]): string => [...agentIds].sort().join(',');
