/** Injection token of the PresenceStore driver, chosen once in PresenceModule. */
export const PRESENCE_STORE = Symbol('PRESENCE_STORE');

/** One agent socket's presence in a project. */
export interface PresenceMember {
  userId: string;
  socketId: string;
}

/**
 * Where presence is kept: per project, the agent sockets with the time (ms) each stops counting as
 * online. Members whose expiry is at or before `now` are not live.
 */
export interface PresenceStore {
  /** Adds the member to each project, or moves its expiry if it is there already. */
  add(projectIds: string[], member: PresenceMember, expiresAt: number): Promise<void>;
  remove(projectIds: string[], member: PresenceMember): Promise<void>;
  /** The project's live members (a socket each, so an agent may appear more than once). */
  live(projectId: string, now: number): Promise<PresenceMember[]>;
  /** live() for many projects in one round trip; every project asked for is in the map. */
  liveMany(projectIds: string[], now: number): Promise<Map<string, PresenceMember[]>>;
}
