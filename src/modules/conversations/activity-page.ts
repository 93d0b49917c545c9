import { z } from 'zod';
import { decodeCursor, encodeCursor, type PageMeta } from '../../platform/http/pagination';
import type { ActivityCursor } from './conversations.repository';

const activityCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });

export const decodeActivityCursor = (cursor?: string): ActivityCursor | undefined =>
  cursor ? decodeCursor(cursor, activityCursor) : undefined;

/**
 * A page of conversations by last activity from `limit + 1` rows: the extra row only says whether
 * more exist; the cursor is the last row's exact activity time and id.
 */
export function activityPage<R extends { activityKey: string; conversation: { id: string } }>(
  rows: R[],
  limit: number,
): { page: R[]; meta: PageMeta } {
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    hasMore && last ? encodeCursor({ at: last.activityKey, id: last.conversation.id }) : null;
  return { page, meta: { nextCursor, hasMore } };
}
