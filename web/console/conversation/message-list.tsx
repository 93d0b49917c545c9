import { useLayoutEffect, useRef } from 'preact/hooks';
import { memberName } from '../workspace/team-data';
import type { Message } from '../workspace/types';
import type { OpenConversation } from './conversation-store';
import { useJumpToMessage } from '../search/jump-to-message';
import { MessageFiles } from './message-files';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function Bubble({ m, seen }: { m: Message; seen: boolean }) {
  const who = m.sender === 'visitor' ? 'Visitor' : m.sender === 'system' ? 'System' : memberName(m.authorId);
  const kind = m.private ? 'note' : m.sender;
  return (
    <li class={`msg msg-${kind}`} data-seq={m.seq}>
      <div class="msg-meta">
        <span>{m.private ? `Internal note · ${who}` : who}</span>
        <time dateTime={m.createdAt}>{clock(m.createdAt)}</time>
      </div>
      {m.body && <p class="msg-body">{m.body}</p>}
      <MessageFiles files={m.attachments} />
      {seen && <div class="msg-seen">Seen by visitor</div>}
    </li>
  );
}

function TypingLine({ conversation }: { conversation: OpenConversation }) {
  const typists = conversation.typists.value;
  if (typists.length === 0) return <div class="typing" aria-live="polite" />;
  const text = typists
    .map((t) =>
      t.side === 'visitor'
        ? 'Visitor is typing…'
        : `${memberName(t.senderId)} is ${t.private ? 'writing a note' : 'typing'}…`,
    )
    .join(' ');
  return (
    <div class="typing" aria-live="polite">
      {text}
    </div>
  );
}

export function MessageList({ conversation }: { conversation: OpenConversation }) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const messages = conversation.messages.value;
  const pending = conversation.pending.value;
  const visitorRead = conversation.detail.value?.visitorLastReadSeq ?? 0;
  // "Seen" goes under the last public agent message the visitor has read.
  const lastSeen = [...messages]
    .reverse()
    .find((m) => m.sender === 'agent' && !m.private && m.seq <= visitorRead);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages, pending]);
  useJumpToMessage(conversation, scroller, stick);

  const older = async () => {
    const el = scroller.current!;
    const fromBottom = el.scrollHeight - el.scrollTop;
    stick.current = false;
    await conversation.loadOlder();
    requestAnimationFrame(() => (el.scrollTop = el.scrollHeight - fromBottom));
  };

  return (
    <div
      class="messages"
      ref={scroller}
      tabIndex={0}
      aria-label="Messages"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {conversation.hasOlder.value && (
        <button class="btn messages-older" type="button" onClick={() => void older()}>
          Load earlier messages
        </button>
      )}
      <ol class="message-list" aria-label="History">
        {messages.map((m) => (
          <Bubble key={m.seq} m={m} seen={m === lastSeen} />
        ))}
        {pending.map((p) => (
          <li key={p.clientMessageId} class={`msg msg-${p.private ? 'note' : 'agent'} msg-pending`}>
            <p class="msg-body">{p.body || 'Attachment…'}</p>
            <div class="msg-seen">
              {p.failed ? (
                <>
                  Not sent.{' '}
                  <button
                    class="btn btn-link"
                    type="button"
                    onClick={() => conversation.retry(p.clientMessageId)}
                  >
                    Retry
                  </button>
                </>
              ) : (
                'Sending…'
              )}
            </div>
          </li>
        ))}
      </ol>
      <TypingLine conversation={conversation} />
    </div>
  );
}
