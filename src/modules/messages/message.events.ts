import type { ConversationView } from '../conversations/conversation.views';
import type { MessageView } from './message.views';

declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    'message.created': { message: MessageView; conversation: ConversationView };
  }
}
