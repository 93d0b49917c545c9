import type { Chat } from './chat';

export function ConversationList({ chat }: { chat: Chat }) {
  const { t } = chat;
  const list = chat.conversations.value;
  return (
    <div class="list">
      <button type="button" class="primary" onClick={() => chat.newConversation()}>
        {t.newConversation}
      </button>
      {list.length === 0 && <p class="empty">{t.noConversations}</p>}
      <ul>
        {list.map((c) => {
          const unread = chat.unread.value[c.id] ?? 0;
          return (
            <li key={c.id}>
              <button type="button" class="item" onClick={() => void chat.openConversation(c.id)}>
                <span class="preview">{c.lastMessagePreview ?? '…'}</span>
                <span class="when">
                  {new Date(c.lastMessageAt).toLocaleDateString()}
                  {unread > 0 && ` · ${t.unread(unread)}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
