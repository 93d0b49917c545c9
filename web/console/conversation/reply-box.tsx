import { useEffect, useRef, useState } from 'preact/hooks';
import { CannedPicker } from '../canned/canned-picker';
import { liveSocket } from '../workspace/live';
import { focusReply, noteMode, type OpenConversation } from './conversation-store';
import { ReplyAttachments } from './reply-attachments';

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

/** Tells the others while the agent writes: at once, again every 2 s, and a stop when idle or sent. */
function useTypingSignal(conversationId: string) {
  const state = useRef({
    typing: false,
    sentAt: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const emit = (isTyping: boolean) =>
    liveSocket.value?.emit('typing', { conversationId, isTyping, private: noteMode.peek() });
  const stop = () => {
    clearTimeout(state.current.idle);
    if (state.current.typing) emit(false);
    state.current.typing = false;
  };
  const typed = () => {
    const s = state.current;
    const now = Date.now();
    if (!s.typing || now - s.sentAt > TYPING_REPEAT_MS) {
      emit(true);
      s.sentAt = now;
    }
    s.typing = true;
    clearTimeout(s.idle);
    s.idle = setTimeout(stop, TYPING_IDLE_MS);
  };
  useEffect(() => stop, [conversationId]);
  return { typed, stop };
}

export function ReplyBox({ conversation }: { conversation: OpenConversation }) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useTypingSignal(conversation.id);
  const note = noteMode.value;

  useEffect(() => {
    if (focusReply.value > 0) input.current?.focus();
  }, [focusReply.value]);

  const send = () => {
    const body = text.trim();
    if (!body) return;
    typing.stop();
    setText('');
    void conversation.send(body, note);
  };

  return (
    <form
      class={`reply${note ? ' reply-note' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div class="reply-modes" role="group" aria-label="Reply mode">
        <button type="button" class="btn" aria-pressed={!note} onClick={() => (noteMode.value = false)}>
          Reply to visitor
        </button>
        <button type="button" class="btn" aria-pressed={note} onClick={() => (noteMode.value = true)}>
          Private note
        </button>
      </div>
      {note && (
        <p class="reply-note-hint" id="note-hint">
          Private note: only your team sees this. The visitor never does.
        </p>
      )}
      <CannedPicker input={input} text={text} onInsert={setText} conversation={conversation} />
      <textarea
        ref={input}
        class="input reply-input"
        aria-label="Reply"
        aria-describedby={note ? 'note-hint' : undefined}
        placeholder={
          note ? 'Write an internal note…' : 'Write a reply… (Enter sends, Shift+Enter for a new line)'
        }
        rows={3}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          typing.typed();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
          }
        }}
      />
      <div class="reply-actions">
        <ReplyAttachments conversation={conversation} note={note} />
        <button class="btn btn-primary" type="submit">
          Send
        </button>
      </div>
    </form>
  );
}
