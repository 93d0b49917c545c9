import { Injectable } from '@nestjs/common';
import {
  toConversationView,
  toWidgetConversation,
  type ConversationView,
  type WidgetConversationView,
} from '../modules/conversations/conversation.views';
import { toMessageView } from '../modules/messages/message.views';
import { MessagesRepository } from '../modules/messages/messages.repository';
import type { Conversation } from '../db/schema';
import type { ResyncComplete } from './realtime.events';
import { endReplay, type StatefulSocket } from './socket-state';

const PAGE = 100;
/** Past this many missed messages per conversation the client is told to page through REST history. */
const MAX_REPLAY = 1000;

/**
 * Replays what a reconnecting client missed: for each conversation it names with its last seq,
 * every later message in order, straight from the database, before any live event. Past
 * MAX_REPLAY, `resync.complete` flags the conversation in `hasMore`.
 */
@Injectable()
export class ResyncService {
  constructor(private readonly messages: MessagesRepository) {}

  /**
   * Replays `lastSeqs` (the handshake's, or a `resync` request's). `find` returns the conversation if
   * this socket may read it (undefined otherwise: silently skipped). Live events are held until the
   * replay ends; a socket's replays run one after another.
   */
  replay(
    socket: StatefulSocket,
    side: 'agent' | 'widget',
    find: (conversationId: string) => Promise<Conversation | undefined>,
    lastSeqs: Record<string, number> = socket.data.lastSeqs,
  ): Promise<ResyncComplete<ConversationView | WidgetConversationView>> {
    const run = (socket.data.resyncing ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.run(socket, side, find, lastSeqs));
    socket.data.resyncing = run;
    return run;
  }

  private async run(
    socket: StatefulSocket,
    side: 'agent' | 'widget',
    find: (conversationId: string) => Promise<Conversation | undefined>,
    lastSeqs: Record<string, number>,
  ): Promise<ResyncComplete<ConversationView | WidgetConversationView>> {
    const complete: ResyncComplete<ConversationView | WidgetConversationView> = {
      conversations: {},
      hasMore: {},
      snapshots: {},
    };
    socket.data.replaying = true;
    try {
      for (const [conversationId, seq] of Object.entries(lastSeqs)) {
        if (!socket.connected) return complete;
        const conversation = await find(conversationId).catch(() => undefined);
        if (!conversation) continue;
        const replayed = await this.replayConversation(socket, toConversationView(conversation), seq, side);
        complete.conversations[conversationId] = replayed.lastSeq;
        complete.hasMore[conversationId] = replayed.hasMore;
        complete.snapshots[conversationId] = replayed.snapshot;
      }
    } finally {
      endReplay(socket);
    }
    socket.emit('resync.complete', complete);
    return complete;
  }

  private async replayConversation(
    socket: StatefulSocket,
    conversation: ConversationView,
    afterSeq: number,
    side: 'agent' | 'widget',
  ): Promise<{ lastSeq: number; hasMore: boolean; snapshot: ConversationView | WidgetConversationView }> {
    const payloadConversation = side === 'agent' ? conversation : toWidgetConversation(conversation);
    let cursor = afterSeq;
    let more = false;
    for (let replayed = 0; replayed < MAX_REPLAY; replayed += PAGE) {
      const { items, hasMore } = await this.messages.history(conversation.id, {
        after: cursor,
        limit: PAGE,
        includePrivate: side === 'agent',
      });
      for (const m of items)
        socket.emit('message.created', { message: toMessageView(m), conversation: payloadConversation });
      if (items.length > 0) cursor = items[items.length - 1].seq;
      more = hasMore;
      if (!hasMore) break;
    }
    (socket.data.replayedUpTo ??= new Map()).set(conversation.id, cursor);
    return { lastSeq: cursor, hasMore: more, snapshot: payloadConversation };
  }
}
