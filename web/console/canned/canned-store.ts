// The current team's canned responses (for the reply box's "/" picker and the settings page).
import { signal } from '@preact/signals';
import { api } from '../workspace/api';
import { answerGuard } from '../workspace/wanted-answer';
import type { CannedResponse } from '../workspace/types';

export const cannedResponses = signal<CannedResponse[]>([]);

const startLoad = answerGuard();

export async function loadCannedResponses(teamId: string): Promise<void> {
  const wanted = startLoad(teamId);
  const { data } = await api<CannedResponse[]>(`/teams/${teamId}/canned-responses`);
  if (wanted()) cannedResponses.value = data;
}
