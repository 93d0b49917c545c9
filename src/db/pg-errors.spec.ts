import { describe, it } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import { expect } from 'expect';
import { DatabaseError } from 'pg';
import { databaseLayerError, isDatabaseUnavailable, sqlStateOf } from './pg-errors';

/** What the server answers (node-postgres builds a DatabaseError from its ErrorResponse). */
const serverError = (code: string) => Object.assign(new DatabaseError(`pg ${code}`, 0, 'error'), { code });
/** A socket error, as net raises it for any connection: the database's, Redis's, an HTTP call's. */
const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:6379`), { code, syscall: 'connect' });
/** Drizzle wraps whatever a query's driver call rejects with. */
const failedQuery = (cause: Error) => new DrizzleQueryError('select 1', [], cause);

describe('isDatabaseUnavailable', () => {
  it('is true for the database being away: connection errors, classes 08 and 57P0x, 53300', () => {
    for (const err of [
      serverError('08006'),
      serverError('08001'),
      serverError('57P01'),
      serverError('57P02'),
      serverError('57P03'),
      serverError('53300'),
      failedQuery(socketError('ECONNREFUSED')),
      failedQuery(socketError('ECONNRESET')),
      failedQuery(new Error('Connection terminated unexpectedly')),
      failedQuery(new Error('Client has encountered a connection error and is not queryable')),
      failedQuery(serverError('57P01')),
      // A pool connect outside a Drizzle query (a transaction's), and a prepared statement.
      databaseLayerError(socketError('ECONNREFUSED')) as Error,
      databaseLayerError(new Error('Connection terminated due to connection timeout')) as Error,
      databaseLayerError(new Error('timeout exceeded when trying to connect')) as Error,
    ]) {
      expect({ err: err.message, unavailable: isDatabaseUnavailable(err) }).toEqual({
        err: err.message,
        unavailable: true,
      });
    }
  });

  it('is false for connection errors that did not come from the database (Redis, outbound calls)', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']) {
      const wrapped = new Error('webhook delivery failed', { cause: socketError(code) });
      for (const err of [socketError(code), wrapped]) {
        expect({ code, unavailable: isDatabaseUnavailable(err) }).toEqual({ code, unavailable: false });
      }
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('is false for errors of the request or the code', () => {
    for (const err of [
      serverError('23505'),
      serverError('22P02'),
      failedQuery(serverError('42P01')),
      failedQuery(new Error('boom')),
      new Error('boom'),
      undefined,
      'x',
    ]) {
      expect(isDatabaseUnavailable(err)).toBe(false);
    }
  });

  it('finds a wrapped SQLSTATE', () => {
    expect(sqlStateOf(failedQuery(serverError('23505')))).toBe('23505');
    expect(sqlStateOf(socketError('ECONNREFUSED'))).toBeUndefined();
  });
});
