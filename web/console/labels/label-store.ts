// The current team's labels (for chips, the picker, the inbox filter and the settings page).
import { signal } from '@preact/signals';
import { api } from '../workspace/api';
import { answerGuard } from '../workspace/wanted-answer';
import type { Label } from '../workspace/types';

export const teamLabels = signal<Label[]>([]);

const startLoad = answerGuard();

export async function loadLabels(teamId: string): Promise<void> {
  const wanted = startLoad(teamId);
  const { data } = await api<Label[]>(`/teams/${teamId}/labels`);
  if (wanted()) teamLabels.value = data;
}
