import { describe, it } from 'node:test';
import { expect } from 'expect';
import { snippetOf } from './search-query';

describe('snippetOf', () => {
  it('turns marked words into ranges over plain text', () => {
    const marked = 'Where is my \uE000order\uE001 1234? \uE000order\uE001 <b>now</b>';
    const { snippet, highlights } = snippetOf(marked);
    expect(snippet).toBe('Where is my order 1234? order <b>now</b>');
    expect(highlights.map((h) => snippet.slice(h.start, h.end))).toEqual(['order', 'order']);
  });

  it('keeps offsets in UTF-16 units after astral characters', () => {
    const { snippet, highlights } = snippetOf('😀 \uE000café\uE001');
    expect(snippet.slice(highlights[0].start, highlights[0].end)).toBe('café');
  });

  it('ignores unbalanced markers', () => {
    expect(snippetOf('a\uE001b\uE000c')).toEqual({ snippet: 'abc', highlights: [] });
  });
});
