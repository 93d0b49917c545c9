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
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { RateLimiter } from '../platform/rate-limit';
import { ConversationsService } from '../modules/conversations/conversations.service';
import { clientMessageId, contentFields, hasContent } from '../modules/messages/messages.dto';
import { MessagesService } from '../modules/messages/messages.service';
import { requireVisitor } from '../modules/widget/widget.guard';
import { WidgetAuthService, type WidgetContext } from '../modules/widget/widget-auth.service';
import { projectRoom, RealtimeBus, visitorRoom } from './realtime-bus.service';
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
  socketClientIp,
  setUpConnection,
  useHandshake,
} from './socket-helpers';
import { initState, type StatefulSocket } from './socket-state';
import { publishTyping, stopAllTyping, widgetTypingPayload } from './typing';

const sendSchema = z
  .strictObject({
  conversationId: z.uuid().optional(),
  ...contentFields,
  clientMessageId,
  })
  .refine(...hasContent);

/**
 * Namespace /widget: visitors, authenticated like the REST widget routes (project key and/or
 * visitor token, allowed origins). A visitor only ever joins its own room and its project's
 * presence room. The socket ends (`session.expired`) when its visitor token expires.
 */
@WebSocketGateway({ namespace: '/widget' })
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() private readonly nsp!: Namespace;

  constructor(
    private readonly widgetAuth: WidgetAuthService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly bus: RealtimeBus,
    private readonly resync: ResyncService,
    private readonly guard: SocketGuard,
    private readonly limiter: RateLimiter,
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
    // Counted once the token is verified, so nobody can spend another visitor's handshakes.
    if (ctx.visitorId) await this.limiter.enforce('handshake', `visitor:${ctx.visitorId}`);
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
      if (ctx.expiresAt) expireSocketAt(socket, ctx.expiresAt);
      if (socket.data.replaying && ctx.visitorId)
        await this.resync.replay(socket, 'widget', this.finder(ctx));
    });
  }

  handleDisconnect(socket: StatefulSocket): void {
    const visitorId = socket.data.widget?.visitorId;
    if (visitorId) stopAllTyping(this.bus, socket, { side: 'visitor', senderId: visitorId });
  }

  private listen(socket: StatefulSocket): void {
    const ctx = socket.data.widget!;
    this.guard.on(socket, 'message.send', (payload, ack) =>
      answer(ack, async () => {
        const dto = parsePayload(sendSchema, payload);
        const { created: _created, ...data } = await this.messages.sendAsVisitor(ctx, dto);
        return data;
      }),
    );
    this.guard.onTyping(socket, widgetTypingPayload, async (input) => {
      const visitorId = requireVisitor(ctx);
      const conversation = await this.conversations.visitorConversation(visitorId, input.conversationId);
      if (!socket.connected) return;
      publishTyping(this.bus, socket, { side: 'visitor', senderId: visitorId }, conversation, input);
    });
    this.guard.on(socket, 'read', (payload, ack) =>
      answer(ack, async () => {
        const dto = parsePayload(readPayload, payload);
        return this.conversations.markVisitorRead(requireVisitor(ctx), dto.conversationId, dto.seq);
      }),
    );
    this.guard.on(socket, 'resync', (payload, ack) =>
      answer(ack, () => {
        const { lastSeqs } = parsePayload(resyncPayload, payload);
        return this.resync.replay(socket, 'widget', this.finder(ctx), lastSeqs);
      }),
    );
  }

  /** The visitor's own conversations (a token-less socket has none to resync). */
  private finder(ctx: WidgetContext) {
    const visitorId = requireVisitor(ctx);
    return (id: string) => this.conversations.visitorConversation(visitorId, id);
  }
}
