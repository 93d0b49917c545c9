// A search snippet: plain text from the API with its highlight ranges as <mark> (never parsed as HTML).
import type { SearchMatch } from '../workspace/types';

export function Highlighted({ match }: { match: Pick<SearchMatch, 'snippet' | 'highlights'> }) {
  const parts: preact.ComponentChild[] = [];
  let at = 0;
  for (const { start, end } of match.highlights) {
    if (start < at || end > match.snippet.length) continue;
    if (start > at) parts.push(match.snippet.slice(at, start));
    parts.push(<mark key={start}>{match.snippet.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(match.snippet.slice(at));
  return <>{parts}</>;
}
