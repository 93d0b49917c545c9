import type { LabelChip } from '../workspace/types';
import './labels.css';

/** A conversation's labels: the name in the text colour beside a swatch of the label's colour. */
export function LabelChips({ labels }: { labels: LabelChip[] | undefined }) {
  if (!labels?.length) return null;
  return (
    <ul class="label-chips" aria-label="Labels">
      {labels.map((l) => (
        <li key={l.id} class="label-chip" style={{ borderColor: l.color }}>
          <span class="label-swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.name}
        </li>
      ))}
    </ul>
  );
}
