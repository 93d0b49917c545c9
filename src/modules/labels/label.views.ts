import { toIso } from '../../platform/dates';
import type { Label } from '../../db/schema';

/** A label as the API shows it. */
export interface LabelView {
  id: string;
  teamId: string;
  name: string;
  color: string;
  createdAt: string;
}

/** What a conversation view carries of each of its labels. */
export interface LabelChip {
  id: string;
  name: string;
  color: string;
}

export const toLabelView = (l: Label): LabelView => ({
  id: l.id,
  teamId: l.teamId,
  name: l.name,
  color: l.color,
  createdAt: toIso(l.createdAt),
});

export const toLabelChip = (l: Pick<Label, 'id' | 'name' | 'color'>): LabelChip => ({
  id: l.id,
  name: l.name,
  color: l.color,
});

/** Chips in a stable order (by name), so views and event payloads compare equal. */
export const byName = (a: LabelChip, b: LabelChip): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
