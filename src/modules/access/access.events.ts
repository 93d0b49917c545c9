declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    /** A team's members or projects changed: connected agents of that team (or that user) re-join rooms. */
    'access.changed': { teamId: string; userId?: string };
  }
}

export {};
