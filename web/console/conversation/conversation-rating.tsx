// The visitor's satisfaction rating of the open conversation (csat lane): read once, then kept
// current by the agent socket's `csat.submitted` (see workspace/live.ts).
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../workspace/api';
import './conversation-rating.css';
import type { Rating } from '../workspace/types';

/** The latest rating heard on the socket, by conversation. */
export const liveRatings = signal<Record<string, Rating>>({});

export function onCsatSubmitted(rating: Rating): void {
  liveRatings.value = { ...liveRatings.value, [rating.conversationId]: rating };
}

const FACES = ['', 'Very unsatisfied', 'Unsatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];

export function ConversationRating({ conversationId }: { conversationId: string }) {
  const [fetched, setFetched] = useState<Rating | null>(null);
  useEffect(() => {
    let live = true;
    setFetched(null);
    api<{ rating: Rating | null }>(`/conversations/${conversationId}/rating`)
      .then(({ data }) => live && setFetched(data.rating))
      .catch(() => undefined);
    return () => void (live = false);
  }, [conversationId]);
  const rating = liveRatings.value[conversationId] ?? fetched;
  if (!rating) return null;
  return (
    <section class="csat-rating" aria-label="Satisfaction rating">
      <span class="csat-score" aria-label={`Rated ${rating.score} out of 5`}>
        {'★'.repeat(rating.score)}
        <span aria-hidden="true" class="csat-empty">
          {'★'.repeat(5 - rating.score)}
        </span>
      </span>
      <span>
        {rating.score}/5 · {FACES[rating.score]}
      </span>
      {rating.comment && <q class="csat-comment">{rating.comment}</q>}
    </section>
  );
}
