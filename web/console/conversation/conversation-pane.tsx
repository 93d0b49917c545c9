import { useEffect, useState } from 'preact/hooks';
import { visitorLabel } from '../inbox/inbox-list';
import { LabelPicker } from '../labels/label-picker';
import { ConversationActions } from './conversation-actions';
import { ConversationRating } from './conversation-rating';
import { openConversation, OpenConversation } from './conversation-store';
import { MessageList } from './message-list';
import { ReplyBox } from './reply-box';
import { VisitorPanel } from './visitor-panel';

/** One conversation: header and actions, history, reply box, and the visitor's profile. */
export function ConversationPane({ id }: { id: string }) {
  const [conversation] = useState(() => new OpenConversation(id));
  // Below laptop width the profile is a drawer, opened on demand.
  const [profileOpen, setProfileOpen] = useState(false);
  useEffect(() => {
    openConversation.value = conversation;
    void conversation.load();
    const onVisible = () => document.visibilityState === 'visible' && void conversation.markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      conversation.dispose();
      if (openConversation.peek() === conversation) openConversation.value = null;
    };
  }, [conversation]);

  const messages = conversation.messages.value;
  useEffect(() => {
    if (document.visibilityState === 'visible') void conversation.markRead();
  }, [messages, conversation]);

  const detail = conversation.detail.value;
  return (
    <div class="conversation-layout">
      <section class="conversation" aria-label="Conversation">
        <header class="conversation-head">
          <h2>{detail ? visitorLabel(detail.visitor) : 'Loading…'}</h2>
          <button
            class="btn only-narrow"
            type="button"
            aria-expanded={profileOpen}
            onClick={() => setProfileOpen(!profileOpen)}
          >
            Visitor profile
          </button>
          {detail && <ConversationActions conversation={conversation} detail={detail} />}
          {detail && <LabelPicker conversation={conversation} detail={detail} />}
        </header>
        {conversation.error.value && (
          <p role="alert" class="ws-error">
            {conversation.error.value}
          </p>
        )}
        <ConversationRating conversationId={id} />
        <MessageList conversation={conversation} />
        <ReplyBox conversation={conversation} />
      </section>
      {detail && <VisitorPanel detail={detail} open={profileOpen} onClose={() => setProfileOpen(false)} />}
    </div>
  );
}
