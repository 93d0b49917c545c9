// History pages by REST, and how far each may move a conversation's checkpoint (the last seq up to
// which nothing visible is missing; docs/realtime-delivery.md, "Sequences").
import type { ConversationLogs } from '@shared/realtime/conversation-log';
import type { WidgetApi, WidgetMessage } from './widget-api';

export interface Source {
  /** The messages are new to the visitor (live, or a catch-up), so replies count as unread; history
   * pages are already in the server's unread count. */
  arriving?: boolean;
  /** The source holds every visible message up to this seq (see ConversationLog.apply). */
  contiguousTo?: number;
}

export type ApplyMessages = (id: string, list: WidgetMessage[], source?: Source) => void;

const newest = (list: WidgetMessage[]) => Math.max(0, ...list.map((m) => m.seq));

export function historyPages(api: WidgetApi, logs: ConversationLogs<WidgetMessage>, apply: ApplyMessages) {
  return {
    /** The newest page (everything up to its newest seq is on it or before it); resolves hasMore. */
    async latest(id: string): Promise<boolean> {
      const { data, meta } = await api.history(id, '');
      apply(id, data, { arriving: false, contiguousTo: newest(data) });
      return meta?.hasMore ?? false;
    },

    /** Pages forward from the checkpoint until caught up (a replay past its cap says hasMore). */
    async catchUp(id: string): Promise<void> {
      for (let more = true; more;) {
        const from = logs.of(id).checkpoint();
        const { data, meta } = await api.history(id, `&after=${from}`);
        apply(id, data, { contiguousTo: Math.max(from, newest(data)) });
        more = meta?.hasMore ?? false;
      }
    },

    /** The page before the oldest message held (moves no checkpoint); resolves hasMore. */
    async earlier(id: string, oldest: number): Promise<boolean> {
      const { data, meta } = await api.history(id, `&before=${oldest}`);
      apply(id, data, { arriving: false });
      return meta?.hasMore === true;
    },
  };
}
