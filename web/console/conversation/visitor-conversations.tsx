// A visitor's conversations as links with their status: the visitor panel's and the contact profile's list.
import { conversationPath, linkClick } from '../workspace/router';
import type { Conversation } from '../workspace/types';

export function VisitorConversations({ conversations }: { conversations: Conversation[] }) {
  if (conversations.length === 0) return <p class="ws-muted">None.</p>;
  return (
    <ul class="visitor-others">
      {conversations.map((c) => (
        <li key={c.id}>
          <a href={conversationPath(c.id)} onClick={linkClick}>
            {c.lastMessagePreview ?? 'Conversation'}
          </a>{' '}
          <span class={`badge status-${c.status}`}>{c.status}</span>
        </li>
      ))}
    </ul>
  );
}
