import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Chat } from './chat';
import { MessageFiles } from './message-files';
import { RichText } from './rich-text';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function MessageList({ chat }: { chat: Chat }) {
  const { t } = chat;
  const list = useRef<HTMLDivElement>(null);
  const messages = chat.messages.value;
  const conversationId = chat.currentId.value;
  const pending = chat.pending.value.filter((p) => !p.conversationId || p.conversationId === conversationId);
  const readUpTo = chat.current.value?.agentLastReadSeq ?? 0;
  const lastMine = [...messages].reverse().find((m) => m.sender === 'visitor');
  const greeting = chat.config.value?.greeting;
  const last = messages.at(-1)?.seq;

  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last, pending.length, chat.agentTyping.value]);

  return (
    <div class="log" role="log" aria-label={t.messages} ref={list} tabIndex={0}>
      {chat.hasEarlier.value[conversationId ?? ''] && (
        <button type="button" class="link" onClick={() => void chat.loadEarlier()}>
          {t.loadEarlier}
        </button>
      )}
      {greeting && (
        <div class="msg agent">
          <p class="bubble">{greeting}</p>
        </div>
      )}
      {messages.map((m) => (
        <div
          key={m.seq}
          class={`msg ${m.sender === 'visitor' ? 'mine' : 'agent'}${m.sender === 'system' ? ' system' : ''}`}
          data-seq={m.seq}
        >
          {m.sender === 'agent' && <span class="author">{m.author?.name ?? t.agent}</span>}
          {m.body && (
            <p class="bubble">
              <RichText text={m.body} />
            </p>
          )}
          <MessageFiles chat={chat} files={m.attachments} />
          <span class="meta">
            {time(m.createdAt)}
            {m === lastMine && m.seq <= readUpTo && ` · ${t.seen}`}
          </span>
        </div>
      ))}
      {pending.map((p) => (
        <div key={p.clientMessageId} class={`msg mine ${p.status}`}>
          <p class="bubble">
            <RichText text={p.body || '📎'} />
          </p>
          <span class="meta">
            {p.status === 'pending' ? (
              t.sending
            ) : (
              <>
                {t.failed} ·{' '}
                <button type="button" class="link" onClick={() => chat.retry(p.clientMessageId)}>
                  {t.retry}
                </button>
              </>
            )}
          </span>
        </div>
      ))}
      {chat.agentTyping.value && (
        <p class="typing">
          {t.agent} {t.typing}
        </p>
      )}
    </div>
  );
}
