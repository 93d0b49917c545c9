import type { Project } from '../../db/schema';

interface Entry {
  project: Project;
  expiresAt: number;
}

/**
 * A short-lived in-process cache of projects for the widget path, which looks its project up on
 * every request and socket handshake. Changes made on this node invalidate at once; other nodes see
 * them within the TTL (e.g. a rotated public key keeps working there for up to `ttlMs`).
 */
export class ProjectCache {
  private readonly byKey = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  byPublicKey(publicKey: string): Project | undefined {
    return this.fresh(this.byKey, publicKey);
  }

  byProjectId(projectId: string): Project | undefined {
    return this.fresh(this.byId, projectId);
  }

  set(project: Project): Project {
    if (this.byId.size >= this.maxEntries) this.clear();
    const entry = { project, expiresAt: Date.now() + this.ttlMs };
    this.byKey.set(project.publicKey, entry);
    this.byId.set(project.id, entry);
    return project;
  }

  invalidate(projectId: string): void {
    const entry = this.byId.get(projectId);
    if (entry) this.byKey.delete(entry.project.publicKey);
    this.byId.delete(projectId);
  }

  clear(): void {
    this.byKey.clear();
    this.byId.clear();
  }

  private fresh(map: Map<string, Entry>, key: string): Project | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.project;
    this.invalidate(entry.project.id);
    return undefined;
  }
}
