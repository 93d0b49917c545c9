import type { Logger } from 'drizzle-orm';
import type { PreparedStatement } from '../../src/db/database';
import type { MediumApp } from './medium';

export interface RecordedStatement {
  text: string;
  /** The prepared statement's name, for statements run through Database.prepared. */
  name?: string;
}

export interface SqlRecorder {
  /** Runs `work` and returns, in order, the statements the application sent meanwhile. */
  record<T>(work: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }>;
}

/** What Drizzle's sessions hold but do not declare: the logger every query is reported to. */
interface LoggingSession {
  logger: Logger;
  options: { logger?: Logger };
}

// Only node-postgres reports its transaction brackets; dropping them keeps recordings driver-neutral.
const TRANSACTION_BRACKET = /^\s*(begin|commit|rollback)\b/i;

/**
 * Listens to every statement of one application: Drizzle's queries through its session logger
 * (set on the session options too, which transactions copy) and hand-written prepared statements
 * through Database.prepared. Install once per app, before the statements of interest.
 */
export function sqlRecorder(app: MediumApp): SqlRecorder {
  let current: RecordedStatement[] | undefined;
  const push = (statement: RecordedStatement) => {
    if (current && !TRANSACTION_BRACKET.test(statement.text)) current.push(statement);
  };

  const session = app.db._.session as unknown as LoggingSession;
  const previous = session.logger;
  const logger: Logger = {
    logQuery(query, params) {
      push({ text: query });
      previous.logQuery(query, params);
    },
  };
  session.logger = logger;
  session.options.logger = logger;

  const prepared = app.database.prepared.bind(app.database);
  app.database.prepared = <T>(statement: PreparedStatement, params: unknown[]) => {
    push({ text: statement.text, name: statement.name });
    return prepared<T>(statement, params);
  };

  return {
    async record(work) {
      if (current) throw new Error('sqlRecorder: recordings must not overlap');
      current = [];
      try {
        const result = await work();
        return { result, statements: current };
      } finally {
        current = undefined;
      }
    },
  };
}
