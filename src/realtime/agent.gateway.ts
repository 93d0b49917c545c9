import { Inject } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import type { AuthUser } from '../platform/auth/auth-user';
import { AppError } from '../platform/errors/app-error';
import { JobRunner } from '../platform/jobs/job-runner.service';
import { ErrorCode } from '../platform/errors/error-codes';
import { adminOriginAllowed } from '../platform/security/http-security';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { AccessService } from '../modules/access/access.service';
import { AccessTokenService } from '../modules/auth/access-token.service';
import { ConversationsService } from '../modules/conversations/conversations.service';
import { clientMessageId, contentFields, hasContent } from '../modules/messages/messages.dto';
import { MessagesService } from '../modules/messages/messages.service';
import { PRESENCE_HEARTBEAT_MS } from '../modules/presence/presence.service';
import { AgentRooms } from './agent-rooms.service';
import { RealtimeBus } from './realtime-bus.service';
import { ResyncService } from './resync.service';
import { SocketGuard } from './socket-guard';
import {
  answer,
  authField,
  expireSocketAt,
  handshakeLastSeqs,
  originOf,
  parsePayload,
  readPayload,
  resyncPayload,
  setUpConnection,
  useHandshake,
} from './socket-helpers';
import { initState, type StatefulSocket } from './socket-state';
import { agentTypingPayload, publishTyping, stopAllTyping } from './typing';

const sendSchema = z
  .strictObject({
  conversationId: z.uuid(),
  ...contentFields,
  clientMessageId,
  private: z.boolean().default(false),
  })
  .refine(...hasContent);

/** Namespace /agent: dashboard users, authenticated by their access JWT, joined to their projects. */
@WebSocketGateway({ namespace: '/agent' })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() private readonly nsp!: Namespace;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly access: AccessService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly rooms: AgentRooms,
    private readonly bus: RealtimeBus,
    private readonly resync: ResyncService,
    private readonly guard: SocketGuard,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(nsp: Namespace): void {
    this.bus.attach('agent', nsp);
    this.bus.onAgentAccess((event) => this.rooms.apply(nsp, event));
    this.bus.onLinkRestored(() => this.rooms.repair(nsp));
    useHandshake(nsp, (socket) => this.authenticate(socket));
    // Every node: each refreshes its own sockets' presence.
    this.jobs.register({
      name: 'realtime.presence-heartbeat',
      everyMs: PRESENCE_HEARTBEAT_MS,
      scope: 'node',
      run: () => this.refreshPresence(),
    });
  }

  private async authenticate(socket: Socket): Promise<void> {
    if (!adminOriginAllowed(this.config, originOf(socket), socket.handshake.headers)) {
      throw new AppError(ErrorCode.ORIGIN_NOT_ALLOWED, 'Origin not allowed');
    }
    const user = await this.tokens.verify(authField(socket, 'token'));
    const lastSeqs = handshakeLastSeqs(socket);
    const { scope, scopedAt } = await this.rooms.scopeOf(user);
    initState(socket, { agent: { ...user, ...scope }, scopedAt, lastSeqs });
  }

  handleConnection(socket: StatefulSocket): Promise<void> {
    return setUpConnection(socket, async () => {
      const agent = socket.data.agent;
      if (!agent) return void socket.disconnect(true);
      await this.rooms.enter(socket);
      this.listen(socket);
      if (agent.expiresAt) expireSocketAt(socket, agent.expiresAt);
      if (socket.data.replaying) await this.resync.replay(socket, 'agent', this.finder(agent));
      await this.rooms.goOnline(socket);
    });
  }

  async handleDisconnect(socket: StatefulSocket): Promise<void> {
    const agent = socket.data.agent;
    if (!agent) return;
    stopAllTyping(this.bus, socket, { side: 'agent', senderId: agent.id });
    await this.rooms.goOffline(socket).catch(() => undefined);
  }

  private listen(socket: StatefulSocket): void {
    const agent = socket.data.agent!;
    this.guard.on(socket, 'message.send', (payload, ack) =>
      answer(ack, async () => {
        const dto = parsePayload(sendSchema, payload);
        const { message } = await this.messages.sendAsAgent(agent, dto.conversationId, dto);
        return { message };
      }),
    );
    this.guard.onTyping(socket, agentTypingPayload, async (input, previous) => {
      const { conversation } = await this.access.conversation(agent, input.conversationId);
      if (!socket.connected) return;
      publishTyping(this.bus, socket, { side: 'agent', senderId: agent.id }, conversation, input, previous);
    });
    this.guard.on(socket, 'read', (payload, ack) =>
      answer(ack, async () => {
        const dto = parsePayload(readPayload, payload);
        return this.conversations.markAgentRead(agent, dto.conversationId, dto.seq);
      }),
    );
    this.guard.on(socket, 'resync', (payload, ack) =>
      answer(ack, () => {
        const { lastSeqs } = parsePayload(resyncPayload, payload);
        return this.resync.replay(socket, 'agent', this.finder(agent), lastSeqs);
      }),
    );
  }

  private finder(agent: AuthUser) {
    return async (id: string) => (await this.access.conversation(agent, id)).conversation;
  }

  /** The presence heartbeat (every PRESENCE_HEARTBEAT_MS; the job runner logs a failure). */
  refreshPresence(): Promise<void> {
    return this.rooms.heartbeat(this.nsp);
  }
}
