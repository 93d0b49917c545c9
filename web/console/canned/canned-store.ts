// The current team's canned responses (for the reply box's "/" picker and the settings page).
import { signal } from '@preact/signals';
import { api } from '../workspace/api';
import type { CannedResponse } from '../workspace/types';

export const cannedResponses = signal<CannedResponse[]>([]);

let lastLoad = 0;

/** Loads the list; an answer to an earlier call that arrives after a later one's is dropped. */
export async function loadCannedResponses(teamId: string): Promise<void> {
  const load = ++lastLoad;
  const { data } = await api<CannedResponse[]>(`/teams/${teamId}/canned-responses`);
  if (load === lastLoad) cannedResponses.value = data;
}
