declare module '../../platform/events/domain-events' {
  interface DomainEventMap {
    /** A session was logged out or revoked: its sockets are closed. */
    'session.revoked': { sessionId: string };
  }
}

export {};
