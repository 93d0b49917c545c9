import { z } from 'zod';
import type { Conversation } from '../db/schema';
import type { RealtimeBus } from './realtime-bus.service';
import type { TypingState, StatefulSocket } from './socket-state';

export const widgetTypingPayload = z.strictObject({ conversationId: z.uuid(), isTyping: z.boolean() });
/** `private`: the agent is writing an internal note; other agents see it, the visitor never does. */
export const agentTypingPayload = widgetTypingPayload.extend({ private: z.boolean().optional() });

export type TypingInput = z.infer<typeof agentTypingPayload>;

interface Typist {
  side: 'visitor' | 'agent';
  senderId: string;
}

/**
 * Publishes an admitted typing change for a conversation the socket may access. An agent switching
 * between reply and note while typing first stops the other kind, so the widget never keeps a stale one.
 */
export function publishTyping(
  bus: RealtimeBus,
  socket: StatefulSocket,
  typist: Typist,
  conversation: Pick<Conversation, 'id' | 'projectId' | 'visitorId'>,
  input: TypingInput,
  previous?: TypingState,
): void {
  const target = { projectId: conversation.projectId, visitorId: conversation.visitorId };
  const isPrivate = input.private ?? false;
  if (previous?.isTyping && previous.target && previous.private !== isPrivate && input.isTyping) {
    emit(bus, typist, conversation.id, target, false, previous.private);
  }
  const state = socket.data.typing?.get(conversation.id);
  if (state) state.target = input.isTyping ? target : undefined;
  emit(bus, typist, conversation.id, target, input.isTyping, isPrivate);
}

/** On disconnect: a "stop" for every conversation the socket was still typing in. */
export function stopAllTyping(bus: RealtimeBus, socket: StatefulSocket, typist: Typist): void {
  const typing = socket.data?.typing;
  if (!typing) return;
  for (const [conversationId, state] of typing) {
    if (state.isTyping && state.target) {
      emit(bus, typist, conversationId, state.target, false, state.private);
    }
  }
  typing.clear();
}

function emit(
  bus: RealtimeBus,
  typist: Typist,
  conversationId: string,
  target: { projectId: string; visitorId: string },
  isTyping: boolean,
  isPrivate: boolean,
): void {
  bus.publish({
    type: 'typing',
    ...target,
    typing: {
      conversationId,
      side: typist.side,
      senderId: typist.senderId,
      isTyping,
      ...(isPrivate ? { private: true } : {}),
    },
  });
}
