import type { ConversationView } from './conversation.views';

declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    'conversation.created': { conversation: ConversationView };
    'conversation.updated': { conversation: ConversationView; changes: string[] };
    'message.read': {
      conversation: ConversationView;
      side: 'agent' | 'visitor';
      lastReadSeq: number;
      readerId: string;
    };
  }
}
