import { signal } from '@preact/signals';
import { projects } from '../workspace/team-data';
import type { Project } from '../workspace/types';

/** A secret just created or rotated, by project id: shown once, gone on reload. */
export const revealedSecrets = signal<Record<string, string>>({});

/** Keeps a project the API answered with; its secret, when present, is revealed once. */
export function rememberProject(project: Project): void {
  const { secret, ...rest } = project;
  projects.value = [...projects.value.filter((p) => p.id !== project.id), rest].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  if (secret) revealedSecrets.value = { ...revealedSecrets.value, [project.id]: secret };
}
