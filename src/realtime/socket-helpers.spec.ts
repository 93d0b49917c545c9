import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { Logger, type LoggerService } from '@nestjs/common';
import { expect } from 'expect';
import { answer } from './socket-helpers';

describe('socket error logging', () => {
  it('logs a failed query without its parameters', async () => {
    const logged: unknown[] = [];
    const record = (...args: unknown[]) => void logged.push(...args);
    const recorder: LoggerService = { log: record, error: record, warn: record };
    Logger.overrideLogger(recorder);
    const query = Object.assign(
      new Error(
        'Failed query: insert into messages values ($1, $2)\nparams: my secret body,alice@example.com',
      ),
      { params: ['my secret body', 'alice@example.com'] },
    );
    const replies: unknown[] = [];
    await answer(
      (r: unknown) => replies.push(r),
      () => Promise.reject(query),
    );

    expect(replies).toEqual([{ ok: false, error: expect.objectContaining({ code: 'INTERNAL_ERROR' }) }]);
    const text = inspect(logged, { depth: 5 });
    expect(text).toContain('Failed query: insert into messages');
    expect(text).not.toContain('alice@example.com');
    expect(text).not.toContain('my secret body');
  });
});
