import type { JSX } from 'preact';
import type { WidgetHost } from '../host';
import type { Chat } from './chat';
import { DropZone, UploadStatus } from './attach';
import { Composer } from './composer';
import { ConversationList } from './conversation-list';
import { MessageList } from './message-list';
import { OfflineNotice } from './offline-notice';
import { RatingCard } from './rating-card';

const LIST_ICON = <path d="M4 6h16v2H4zm0 5h16v2H4zm0 5h16v2H4z" />;
const CLOSE_ICON = (
  <path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z" />
);

function IconButton({ label, onClick, icon }: { label: string; onClick: () => void; icon: JSX.Element }) {
  return (
    <button type="button" class="icon" aria-label={label} title={label} onClick={onClick}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        {icon}
      </svg>
    </button>
  );
}

export function App({ chat, host }: { chat: Chat; host: WidgetHost }) {
  const { t } = chat;
  const config = chat.config.value;
  const name = config?.name ?? t.messages;
  const problem = chat.problem.value;
  const listing = chat.view.value === 'list';
  return (
    <div
      class="frame"
      role="dialog"
      aria-label={t.dialog(name)}
      lang={host.lang}
      onKeyDown={(e) => {
        if (e.key === 'Escape') host.close();
      }}
    >
      <header class="head">
        <div class="title">
          <h2>{name}</h2>
          {config && (
            <p class="status">
              <span class={chat.online.value ? 'dot on' : 'dot'} aria-hidden="true" />
              {chat.online.value ? t.online : t.offline}
            </p>
          )}
        </div>
        <IconButton
          label={listing ? t.back : t.conversations}
          onClick={() => (chat.view.value = listing ? 'chat' : 'list')}
          icon={LIST_ICON}
        />
        <IconButton label={t.close} onClick={() => host.close()} icon={CLOSE_ICON} />
      </header>
      {problem && (
        <p class="problem" role="alert">
          {problem.text}
        </p>
      )}
      {!problem && !chat.connected.value && <p class="notice">{t.reconnecting}</p>}
      {listing ? (
        <ConversationList chat={chat} />
      ) : (
        <DropZone chat={chat}>
          <MessageList chat={chat} />
          <UploadStatus chat={chat} />
          <OfflineNotice chat={chat} lang={host.lang} />
          <RatingCard chat={chat} lang={host.lang} />
          <Composer chat={chat} />
        </DropZone>
      )}
    </div>
  );
}
