import { signal } from '@preact/signals';
import { putProject } from '../workspace/team-data';
import type { Project } from '../workspace/types';

/** A secret just created or rotated, by project id: shown once, gone on reload. */
export const revealedSecrets = signal<Record<string, string>>({});

/** Keeps a project the API answered with; its secret, when present, is revealed once. */
export function rememberProject(project: Project): void {
  const { secret, ...rest } = project;
  putProject(rest);
  if (secret) revealedSecrets.value = { ...revealedSecrets.value, [project.id]: secret };
}
