import { useState } from 'preact/hooks';
import type { Chat } from './chat';
import { csatStrings } from './csat-strings';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Outside business hours: the project's offline message, when it opens again, and (once the visitor
 * has written, so it has a visitor profile) a field to leave an email for the reply.
 */
export function OfflineNotice({ chat, lang }: { chat: Chat; lang: string }) {
  const s = csatStrings(lang);
  const config = chat.config.value;
  const [email, setEmail] = useState('');
  const [saved, setSaved] = useState(false);
  if (!config || config.withinHours) return null;
  const when = config.nextOpenAt
    ? new Date(config.nextOpenAt).toLocaleString(lang, {
        weekday: 'long',
        hour: 'numeric',
        minute: '2-digit',
      })
    : null;
  const save = async () => {
    if (!EMAIL.test(email.trim())) return;
    await chat.api.session({ email: email.trim() }).then(
      () => setSaved(true),
      () => undefined,
    );
  };
  return (
    <div class="offline" role="status">
      {/* Once the visitor wrote, the offline message is in the conversation as a system message. */}
      {!chat.currentId.value && <p>{config.offlineMessage || s.away}</p>}
      {when && <p>{s.backAt(when)}</p>}
      {chat.currentId.value && !saved && (
        <form
          class="email-ask"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label for="sp-offline-email">{s.emailAsk}</label>
          <div class="row">
            <input
              id="sp-offline-email"
              type="email"
              autocomplete="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <button type="submit" class="primary">
              {s.save}
            </button>
          </div>
        </form>
      )}
      {saved && <p>{s.emailSaved}</p>}
    </div>
  );
}
