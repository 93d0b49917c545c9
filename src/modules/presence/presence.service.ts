import { Inject, Injectable, Logger } from '@nestjs/common';
import { PRESENCE_STORE, type PresenceMember, type PresenceStore } from './presence.store';

/** How long a connection counts as online without a heartbeat (a crashed node's sockets expire). */
export const PRESENCE_TTL_MS = 60_000;
export const PRESENCE_HEARTBEAT_MS = 20_000;

/** The distinct agents among presence members (an agent with several sockets is one member each). */
const agentsOf = (members: PresenceMember[]): string[] => [...new Set(members.map((m) => m.userId))];

/**
 * Which agents are online per project. Each agent socket is a member with an expiry, kept by the
 * PresenceStore driver PresenceModule picked: Redis when REDIS_URL is set (so every node sees every
 * node's agents), memory otherwise.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);

  constructor(@Inject(PRESENCE_STORE) private readonly store: PresenceStore) {}

  join(projectIds: string[], userId: string, socketId: string): Promise<void> {
    return this.tolerant(
      () => this.store.add(projectIds, { userId, socketId }, Date.now() + PRESENCE_TTL_MS),
      undefined,
    );
  }

  leave(projectIds: string[], userId: string, socketId: string): Promise<void> {
    return this.tolerant(() => this.store.remove(projectIds, { userId, socketId }), undefined);
  }

  /** Distinct agents with a live connection to the project (none known while Redis is away). */
  onlineAgents(projectId: string): Promise<string[]> {
    return this.tolerant(async () => agentsOf(await this.store.live(projectId, Date.now())), []);
  }

  /** onlineAgents for many projects in one Redis round trip (the heartbeat's recheck). */
  onlineAgentsMany(projectIds: string[]): Promise<Map<string, string[]>> {
    return this.tolerant(async () => {
      const live = await this.store.liveMany(projectIds, Date.now());
      return new Map([...live].map(([p, members]) => [p, agentsOf(members)]));
    }, new Map());
  }

  /** Presence is advisory: while Redis is unreachable, log and carry on rather than fail the caller. */
  private async tolerant<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.logger.warn(`presence unavailable: ${(err as Error).message}`);
      return fallback;
    }
  }
}
