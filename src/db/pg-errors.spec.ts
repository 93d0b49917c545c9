import { describe, it } from 'node:test';
import { expect } from 'expect';
import { isDatabaseUnavailable, sqlStateOf } from './pg-errors';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1'), { cause });

describe('isDatabaseUnavailable', () => {
  it('is true for the database being away: connection errors, classes 08 and 57P0x, 53300', () => {
    for (const err of [
      pgError('08006'),
      pgError('08001'),
      pgError('57P01'),
      pgError('57P02'),
      pgError('57P03'),
      pgError('53300'),
      pgError('ECONNREFUSED'),
      pgError('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      wrapped(pgError('57P01')),
    ]) {
      expect({ err: err.message, unavailable: isDatabaseUnavailable(err) }).toEqual({
        err: err.message,
        unavailable: true,
      });
    }
  });

  it('is false for errors of the request or the code', () => {
    for (const err of [
      pgError('23505'),
      pgError('22P02'),
      pgError('42P01'),
      new Error('boom'),
      undefined,
      'x',
    ]) {
      expect(isDatabaseUnavailable(err)).toBe(false);
    }
  });

  it('finds a wrapped SQLSTATE', () => {
    expect(sqlStateOf(wrapped(pgError('23505')))).toBe('23505');
    expect(sqlStateOf(pgError('ECONNREFUSED'))).toBeUndefined();
  });
});
