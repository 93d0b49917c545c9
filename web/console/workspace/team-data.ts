// What the workspace knows of the current team: its projects, its members, who of them is online.
import { computed, signal } from '@preact/signals';
import { currentTeamId, currentUser, teams } from '../auth/session';
import { api } from './api';
import { answerGuard } from './wanted-answer';
import type { Member, Project } from './types';
import { loadLabels } from '../labels/label-store';
import { loadCannedResponses } from '../canned/canned-store';

export const projects = signal<Project[]>([]);
export const members = signal<Member[]>([]);
/** Online agent ids per project, as the last `presence` event for each said. */
export const presenceByProject = signal<Record<string, string[]>>({});

export const projectIds = computed(() => new Set(projects.value.map((p) => p.id)));
export const myRole = computed(() => teams.value.find((t) => t.id === currentTeamId.value)?.role ?? 'agent');
export const canManage = computed(() => myRole.value === 'owner' || myRole.value === 'admin');

/** Members of the team online in any of its projects (the agent's own socket included). */
export const onlineMembers = computed(() => {
  const ids = new Set<string>();
  for (const [projectId, agentIds] of Object.entries(presenceByProject.value)) {
    if (projectIds.value.has(projectId)) for (const id of agentIds) ids.add(id);
  }
  return members.value.filter((m) => ids.has(m.userId));
});

export function memberName(userId: string | null): string {
  if (!userId) return 'Unassigned';
  if (userId === currentUser.value?.id) return 'You';
  return members.value.find((m) => m.userId === userId)?.name ?? 'Former member';
}

export const projectName = (id: string): string => projects.value.find((p) => p.id === id)?.name ?? '';

/** One entry per load in flight: the projects written (created, edited) since it started. */
const writesDuringLoads = new Set<Map<string, Project>>();

const byCreation = (list: Project[]) => list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/** Puts a project the API answered with into the list, and keeps it there through loads in flight. */
export function putProject(project: Project): void {
  for (const writes of writesDuringLoads) writes.set(project.id, project);
  projects.value = byCreation([...projects.value.filter((p) => p.id !== project.id), project]);
}

const startLoad = answerGuard();

export async function loadTeamData(teamId: string): Promise<void> {
  // A list fetched before a write must not undo it: a project created while the console was loading
  // would vanish.
  const wanted = startLoad(teamId);
  const writes = new Map<string, Project>();
  writesDuringLoads.add(writes);
  try {
    const [p, m] = await Promise.all([
      api<Project[]>(`/projects?teamId=${teamId}`),
      api<Member[]>(`/teams/${teamId}/members`),
      loadLabels(teamId),
      loadCannedResponses(teamId),
    ]);
    if (!wanted()) return;
    const written = [...writes.values()].filter((w) => w.teamId === teamId);
    projects.value = byCreation([...p.data.filter((f) => !writes.has(f.id)), ...written]);
    members.value = m.data;
  } finally {
    writesDuringLoads.delete(writes);
  }
}

export function setPresence(projectId: string, agentIds: string[]): void {
  presenceByProject.value = { ...presenceByProject.value, [projectId]: agentIds };
}
