import { ConversationPane } from '../conversation/conversation-pane';
import { InboxList } from './inbox-list';

/** The inbox beside the open conversation (on narrow screens, one or the other). */
export function InboxPage({ conversationId }: { conversationId: string | null }) {
  return (
    <main class={`ws-main inbox-page${conversationId ? ' has-conversation' : ''}`}>
      <InboxList selectedId={conversationId} />
      {conversationId ? (
        <ConversationPane key={conversationId} id={conversationId} />
      ) : (
        <section class="conversation-empty" aria-label="Conversation">
          <p>
            Pick a conversation. Press <kbd>?</kbd> for keyboard shortcuts.
          </p>
        </section>
      )}
    </main>
  );
}
