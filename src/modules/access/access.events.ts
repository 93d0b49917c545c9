declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    /**
     * A team's members or projects changed (published by teams and projects): connected agents of
     * that team (or that user) re-join rooms. `revoked`: `userId` left the team, and their sockets
     * leave its projects' rooms before the publisher returns.
     */
    'access.changed': { teamId: string; userId?: string; revoked?: boolean };
  }
}

export {};
