// "Open the conversation at the matching message": search sets the target, the message list loads
// earlier pages until it holds that seq, then scrolls to it and marks it for a moment.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { OpenConversation } from '../conversation/conversation-store';

export const jumpTarget = signal<{ conversationId: string; seq: number } | null>(null);

const MAX_PAGES = 20;

export function useJumpToMessage(
  conversation: OpenConversation,
  scroller: { current: HTMLDivElement | null },
  stick: { current: boolean },
): void {
  const target = jumpTarget.value;
  const messages = conversation.messages.value;
  useEffect(() => {
    if (!target || target.conversationId !== conversation.id || messages.length === 0) return;
    let cancelled = false;
    void (async () => {
      for (let i = 0; i < MAX_PAGES && conversation.hasOlder.value; i++) {
        if (conversation.messages.value[0]?.seq <= target.seq) break;
        await conversation.loadOlder();
      }
      if (cancelled) return;
      requestAnimationFrame(() => {
        const el = scroller.current?.querySelector<HTMLElement>(`[data-seq="${target.seq}"]`);
        if (!el) return;
        stick.current = false;
        el.scrollIntoView({ block: 'center' });
        el.classList.add('msg-found');
        setTimeout(() => el.classList.remove('msg-found'), 4000);
        jumpTarget.value = null;
      });
    })();
    return () => void (cancelled = true);
  }, [target, conversation, messages.length > 0]);
}
