import type { OnModuleDestroy } from '@nestjs/common';
import type { PresenceMember, PresenceStore } from './presence.store';

const memberKey = (m: PresenceMember): string => `${m.userId}|${m.socketId}`;

/** Presence in this process's memory: single-node mode (no REDIS_URL). */
export class MemoryPresenceStore implements PresenceStore, OnModuleDestroy {
  /** Per project: member key → the member and its expiry (ms). */
  private readonly projects = new Map<string, Map<string, { member: PresenceMember; expiresAt: number }>>();

  add(projectIds: string[], member: PresenceMember, expiresAt: number): Promise<void> {
    for (const p of projectIds) this.project(p).set(memberKey(member), { member, expiresAt });
    return Promise.resolve();
  }

  remove(projectIds: string[], member: PresenceMember): Promise<void> {
    for (const p of projectIds) this.projects.get(p)?.delete(memberKey(member));
    return Promise.resolve();
  }

  live(projectId: string, now: number): Promise<PresenceMember[]> {
    return Promise.resolve(this.liveNow(projectId, now));
  }

  liveMany(projectIds: string[], now: number): Promise<Map<string, PresenceMember[]>> {
    return Promise.resolve(new Map(projectIds.map((p) => [p, this.liveNow(p, now)])));
  }

  onModuleDestroy(): void {
    this.projects.clear();
  }

  /** Drops the project's expired members and returns the rest. */
  private liveNow(projectId: string, now: number): PresenceMember[] {
    const members = this.projects.get(projectId);
    if (!members) return [];
    for (const [k, { expiresAt }] of members) if (expiresAt <= now) members.delete(k);
    return [...members.values()].map(({ member }) => member);
  }

  private project(projectId: string): Map<string, { member: PresenceMember; expiresAt: number }> {
    let members = this.projects.get(projectId);
    if (!members) this.projects.set(projectId, (members = new Map()));
    return members;
  }
}
