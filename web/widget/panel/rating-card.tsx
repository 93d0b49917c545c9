import { useEffect, useState } from 'preact/hooks';
import type { Chat } from './chat';
import { csatStrings } from './csat-strings';
import type { RatingState } from './widget-api';

const SCORES = [1, 2, 3, 4, 5];

/** After an agent resolved the conversation (ratings on): 1–5 stars and an optional comment. */
export function RatingCard({ chat, lang }: { chat: Chat; lang: string }) {
  const s = csatStrings(lang);
  const conversation = chat.current.value;
  const enabled = chat.config.value?.csatEnabled === true;
  const resolved = conversation?.status === 'resolved';
  const [state, setState] = useState<RatingState | null>(null);
  const [editing, setEditing] = useState(false);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setState(null);
    setEditing(false);
    if (!conversation || !enabled || !resolved) return;
    let live = true;
    chat.api.ratingState(conversation.id).then(
      (next) => live && setState(next),
      () => undefined,
    );
    return () => void (live = false);
  }, [conversation?.id, enabled, resolved]);

  if (!conversation || !state || !(state.requested || state.rating)) return null;
  if (state.rating && !editing) {
    return (
      <p class="csat-done" role="status">
        {s.thanks(state.rating.score)}{' '}
        {state.editable && (
          <button
            type="button"
            class="link"
            onClick={() => (setScore(state.rating!.score), setEditing(true))}
          >
            {s.change}
          </button>
        )}
      </p>
    );
  }
  const submit = async () => {
    if (!score || busy) return;
    setBusy(true);
    try {
      const rating = await chat.api.rate(conversation.id, score, comment.trim() || undefined);
      setState({ requested: false, editable: true, rating });
      setEditing(false);
    } catch {
      /* the card stays; the visitor can try again */
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="csat"
      aria-labelledby="sp-csat-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p id="sp-csat-title" class="csat-title">
        {s.rateTitle}
      </p>
      <div class="stars" role="radiogroup" aria-label={s.rateGroup}>
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={score === n}
            aria-label={s.star(n)}
            class={n <= score ? 'star on' : 'star'}
            onClick={() => setScore(n)}
          >
            ★
          </button>
        ))}
      </div>
      <textarea
        aria-label={s.comment}
        placeholder={s.comment}
        rows={2}
        maxLength={1000}
        value={comment}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={!score || busy}>
        {s.sendRating}
      </button>
    </form>
  );
}
