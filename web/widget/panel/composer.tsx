import { useState } from 'preact/hooks';
import { AttachButton } from './attach';
import type { Chat } from './chat';

/** Enter sends, Shift+Enter breaks the line; typing is reported (throttled by the chat). */
export function Composer({ chat }: { chat: Chat }) {
  const { t } = chat;
  const [text, setText] = useState('');
  const disabled = chat.problem.value?.fatal === true;
  const submit = () => {
    if (!text.trim()) return;
    chat.send(text);
    setText('');
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        aria-label={t.message}
        placeholder={t.placeholder}
        rows={2}
        maxLength={5000}
        value={text}
        disabled={disabled}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          chat.typing(value.length > 0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {!disabled && <AttachButton chat={chat} />}
      <button type="submit" class="send" disabled={disabled}>
        {t.send}
      </button>
    </form>
  );
}
