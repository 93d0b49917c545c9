// The current team's labels (for chips, the picker, the inbox filter and the settings page).
import { signal } from '@preact/signals';
import { api } from '../workspace/api';
import type { Label } from '../workspace/types';

export const teamLabels = signal<Label[]>([]);

let lastLoad = 0;

/** Loads the list; an answer to an earlier call that arrives after a later one's is dropped. */
export async function loadLabels(teamId: string): Promise<void> {
  const load = ++lastLoad;
  const { data } = await api<Label[]>(`/teams/${teamId}/labels`);
  if (load === lastLoad) teamLabels.value = data;
}
