import { describe, it } from 'node:test';
import { expect } from 'expect';
import { KeyedWindowCounter } from './keyed-window-counter';

describe('KeyedWindowCounter', () => {
  it('gives each key its own budget for the window', () => {
    const counter = new KeyedWindowCounter(2, 1000);
    const hits = ['a', 'a', 'a', 'b'].map((key) => counter.hit(key, 0).ok);
    expect(hits).toEqual([true, true, false, true]);
    expect(counter.hit('a', 400)).toEqual({ ok: false, retryAfterMs: 600, over: 2 });
    expect(counter.hit('a', 1000).ok).toBe(true);
  });

  it('forgets keys whose window has ended, so it cannot grow without bound', () => {
    const counter = new KeyedWindowCounter(5, 1000);
    for (let i = 0; i < 100; i++) counter.hit(`visitor:${i}`, 0);
    expect(counter.size).toBe(100);
    counter.hit('visitor:late', 500);
    expect(counter.size).toBe(101);
    // Swept at most once per window: the first hit after it drops every key whose window ended.
    counter.hit('visitor:next', 1000);
    expect(counter.size).toBe(2);
    counter.hit('visitor:next', 2000);
    expect(counter.size).toBe(1);
  });
});
