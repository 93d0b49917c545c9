import { describe, it } from 'node:test';
import { expect } from 'expect';
import { DomainEvents } from '../../src/platform/events/domain-events';
import { seedScenario } from '../factories/scenario';
import { startMedium, type MediumOptions } from '../support/medium';
import { usesPostgres } from '../support/test-app';

/** Handles that keep a process alive or stay open; file reads and immediates come and go on their own. */
const lasting = () =>
  process
    .getActiveResourcesInfo()
    .filter((r) => !['FSReqPromise', 'FSReqCallback', 'Immediate'].includes(r))
    .sort();

describe('medium harness', () => {
  const drivers: [string, MediumOptions, boolean][] = [
    ['PGlite', { driver: 'pglite' }, false],
    ['PostgreSQL', { driver: 'postgres' }, !usesPostgres()],
  ];
  for (const [name, options, skip] of drivers) {
    it(
      `opens no server, runs the services, and leaves nothing open after close() (${name})`,
      { skip },
      async () => {
        const before_ = lasting();
        const app = await startMedium(options);
        expect(app.database.driver).toBe(options.driver);
        expect(lasting()).not.toContain('TCPServerWrap');
        // Services publish to the real-time bus, which has no sockets here: nothing must fail.
        const events = app.get(DomainEvents);
        const published: string[] = [];
        events.subscribe((e) => void published.push(e.type));
        await seedScenario(app);
        expect(published).toEqual(expect.arrayContaining(['conversation.created', 'message.created']));
        expect(events.failures).toBe(0);

        await app.close();
        expect(lasting()).toEqual(before_);
      },
    );
  }
});
