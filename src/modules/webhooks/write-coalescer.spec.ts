import { describe, it } from 'node:test';
import { expect } from 'expect';
import { WriteCoalescer } from './write-coalescer';

describe('WriteCoalescer', () => {
  it('writes at once while few flushes run, and gathers what comes meanwhile into one flush', async () => {
    const flushes: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const c = new WriteCoalescer<number>(async (items) => {
      flushes.push(items);
      await gate;
    }, 1);
    const all = [1, 2, 3, 4].map((n) => c.add(n));
    expect(flushes).toEqual([[1]]);
    release();
    await Promise.all(all);
    expect(flushes).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects the items of a failed flush only, and keeps writing the next ones', async () => {
    let fail = true;
    const c = new WriteCoalescer<number>(async () => {
      if (fail) {
        fail = false;
        throw new Error('db down');
      }
    }, 1);
    const first = c.add(1);
    const second = c.add(2);
    await expect(first).rejects.toThrow('db down');
    await expect(second).resolves.toBeUndefined();
  });
});
