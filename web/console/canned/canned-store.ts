// The current team's canned responses (for the reply box's "/" picker and the settings page).
import { signal } from '@preact/signals';
import { api } from '../workspace/api';
import type { CannedResponse } from '../workspace/types';

export const cannedResponses = signal<CannedResponse[]>([]);

export async function loadCannedResponses(teamId: string): Promise<void> {
  const { data } = await api<CannedResponse[]>(`/teams/${teamId}/canned-responses`);
  cannedResponses.value = data;
}
