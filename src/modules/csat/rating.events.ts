import type { ConversationView } from '../conversations/conversation.views';
import type { RatingView } from './rating.views';

declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    'csat.submitted': { rating: RatingView; conversation: ConversationView };
  }
}
