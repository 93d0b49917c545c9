import { Inject } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { ConversationsService } from '../conversations/conversations.service';
import { clientMessageId, messageBody } from '../messages/messages.dto';
import { MessagesService } from '../messages/messages.service';
import { requireVisitor } from '../widget/widget.guard';
import { WidgetAuthService } from '../widget/widget-auth.service';
import { projectRoom, RealtimeBus, visitorRoom } from './realtime-bus.service';
import { ResyncService } from './resync.service';
import { SocketGuard } from './socket-guard';
import {
  answer,
  authField,
  handshakeLastSeqs,
  originOf,
  parsePayload,
  readPayload,
  typingPayload,
  socketClientIp,
  setUpConnection,
  useHandshake,
} from './socket-helpers';
import { initState, shouldForwardTyping, type StatefulSocket } from './socket-state';

const sendSchema = z.strictObject({
  conversationId: z.uuid().optional(),
  body: messageBody,
  clientMessageId,
});

/**
 * Namespace /widget: visitors, authenticated like the REST widget routes (project key and/or
 * visitor token, allowed origins). A visitor only ever joins its own room and its project's
 * presence room.
 */
@WebSocketGateway({ namespace: '/widget' })
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() private readonly nsp!: Namespace;

  constructor(
    private readonly widgetAuth: WidgetAuthService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly bus: RealtimeBus,
    private readonly resync: ResyncService,
    private readonly guard: SocketGuard,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(nsp: Namespace): void {
    this.bus.attach('widget', nsp);
    useHandshake(nsp, (socket) => this.authenticate(socket));
  }

  private async authenticate(socket: Socket): Promise<void> {
    const ctx = await this.widgetAuth.authenticate({
      projectKey: authField(socket, 'projectKey'),
      visitorToken: authField(socket, 'visitorToken'),
      origin: originOf(socket),
      ip: socketClientIp(socket, this.config),
    });
    // Without a visitor there is nothing to resync.
    const lastSeqs = ctx.visitorId ? handshakeLastSeqs(socket) : {};
    initState(socket, { widget: ctx, lastSeqs });
  }

  handleConnection(socket: StatefulSocket): Promise<void> {
    return setUpConnection(socket, async () => {
      const ctx = socket.data.widget;
      if (!ctx) return void socket.disconnect(true);
      await socket.join([
        projectRoom(ctx.project.id),
        ...(ctx.visitorId ? [visitorRoom(ctx.visitorId)] : []),
      ]);
      this.listen(socket);
      const visitorId = ctx.visitorId;
      if (socket.data.replaying && visitorId) {
        await this.resync.replay(socket, 'widget', (id) =>
          this.conversations.visitorConversation(visitorId, id),
        );
      }
    });
  }

  private listen(socket: StatefulSocket): void {
    const ctx = socket.data.widget!;
    this.guard.on(socket, 'message.send', (payload, ack) =>
      answer(ack, async () => {
        const dto = parsePayload(sendSchema, payload);
        const send = async () => {
          const result = await this.messages.sendAsVisitor(ctx, dto);
          if (!ctx.visitorId) await this.adoptVisitor(socket, result.visitorId, result.visitorToken);
          const { created: _created, ...data } = result;
          return data;
        };
        return ctx.visitorId ? send() : this.untilVisitor(socket, send);
      }),
    );
    this.guard.on(socket, 'typing', async (payload) => {
      const dto = parsePayload(typingPayload, payload);
      const conversation = await this.conversations.visitorConversation(
        requireVisitor(ctx),
        dto.conversationId,
      );
      if (!shouldForwardTyping(socket, dto.conversationId, dto.isTyping)) return;
      this.bus.publish({
        kind: 'typing',
        projectId: conversation.projectId,
        visitorId: conversation.visitorId,
        typing: {
          conversationId: conversation.id,
          side: 'visitor',
          senderId: conversation.visitorId,
          isTyping: dto.isTyping,
        },
      });
    });
    this.guard.on(socket, 'read', (payload, ack) =>
      answer(ack, async () => {
        const dto = parsePayload(readPayload, payload);
        return this.conversations.markVisitorRead(requireVisitor(ctx), dto.conversationId, dto.seq);
      }),
    );
  }

  /**
   * Until a token-less socket has its visitor, its sends run one at a time: the first creates the
   * visitor, the next ones then write as that visitor instead of each creating another.
   */
  private untilVisitor<T>(socket: StatefulSocket, send: () => Promise<T>): Promise<T> {
    const run = (socket.data.opening ?? Promise.resolve()).catch(() => undefined).then(send);
    socket.data.opening = run;
    return run;
  }

  /** A socket that started without a token becomes its new visitor after the first message. */
  private async adoptVisitor(socket: StatefulSocket, visitorId: string, token: string): Promise<void> {
    const ctx = socket.data.widget!;
    ctx.visitorId = visitorId;
    ctx.visitorToken = token;
    await socket.join(visitorRoom(visitorId));
  }
}
