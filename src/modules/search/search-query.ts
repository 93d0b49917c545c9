import { sql, type SQL } from 'drizzle-orm';

/**
 * The tsquery for what the user typed: `websearch_to_tsquery('simple', …)` semantics ("quoted
 * phrases", `or`, `-word`), and while they type (the text does not end in a space or a quote) the
 * last word (of 2 characters or more) also matches as a prefix. The prefix is added to PostgreSQL's own rendering of the
 * parsed query (its lexemes come back quoted and escaped), never to the user's text, which only
 * ever travels as a bound parameter.
 */
export function searchTsQuery(text: string): SQL {
  const parsed = sql`websearch_to_tsquery('simple', ${text})`;
  const lastToken = text.trimEnd().split(/\s+/).at(-1) ?? '';
  // A one-character prefix would match most of the index.
  const typing =
    /\S$/.test(text) && !text.endsWith('"') && !lastToken.startsWith('-') && lastToken.length >= 2;
  if (!typing) return parsed;
  return sql`(case when right(${parsed}::text, 1) = '''' then (${parsed}::text || ':*')::tsquery else ${parsed} end)`;
}

// Private-use characters mark the highlights in ts_headline's output; the same characters are first
// removed from the body, so a message cannot forge a highlight.
const START = '\uE000';
const STOP = '\uE001';

/** ts_headline over a message body with the markers above (see snippetOf). */
export const headline = (body: SQL, query: SQL): SQL =>
  sql`ts_headline('simple', translate(${body}, ${START + STOP}, ''), ${query},
    ${`StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12`})`;

export interface Snippet {
  /** Plain text (render it as text: it is not HTML). */
  snippet: string;
  /** The matching words as [start, end) offsets into snippet, in UTF-16 code units. */
  highlights: { start: number; end: number }[];
}

/** Turns a marked headline into plain text with highlight ranges. */
export function snippetOf(marked: string): Snippet {
  let snippet = '';
  const highlights: Snippet['highlights'] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === START) start = snippet.length;
    else if (ch === STOP) {
      if (start >= 0 && snippet.length > start) highlights.push({ start, end: snippet.length });
      start = -1;
    } else snippet += ch;
  }
  return { snippet, highlights };
}
