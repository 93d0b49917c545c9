// The current team's labels (for chips, the picker, the inbox filter and the settings page).
import { signal } from '@preact/signals';
import { api } from '../workspace/api';
import type { Label } from '../workspace/types';

export const teamLabels = signal<Label[]>([]);

export async function loadLabels(teamId: string): Promise<void> {
  const { data } = await api<Label[]>(`/teams/${teamId}/labels`);
  teamLabels.value = data;
}
