import { toIso } from '../../platform/dates';
import type { Rating } from '../../db/schema';

/** Ratings can be changed this long after they were first given. */
export const RATING_EDIT_WINDOW_MS = 7 * 86_400_000;

export interface RatingView {
  id: string;
  conversationId: string;
  score: number;
  comment: string | null;
  createdAt: string;
  updatedAt: string;
  editableUntil: string;
}

export const toRatingView = (r: Rating): RatingView => ({
  id: r.id,
  conversationId: r.conversationId,
  score: r.score,
  comment: r.comment,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
  editableUntil: toIso(new Date(r.createdAt.getTime() + RATING_EDIT_WINDOW_MS)),
});

/** A raw snake_case ratings row (an outbox snapshot or hand-written SQL) in the Drizzle shape. */
export const ratingFromRow = (r: Record<string, unknown>): Rating => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  projectId: r.project_id as string,
  score: Number(r.score),
  comment: (r.comment as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
});
