/** Keywords that start a line; a phrase is taken whole ("for update" is not "for" then "update"). */
const CLAUSES = [
  'cross join lateral',
  'inner join',
  'left join',
  'on conflict',
  'insert into',
  'order by',
  'group by',
  'for update',
  'for share',
  'returning',
  'select',
  'update',
  'values',
  'where',
  'limit',
  'from',
  'join',
  'with',
  'set',
].map((clause) => clause.split(' '));

/** Clauses whose comma-separated items go one a line. */
const LISTS = new Set(['select', 'set', 'returning', 'with']);

const TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\s+|[A-Za-z_][\w$]*|\$\d+|::|[\s\S]/g;

/**
 * Lays SQL out one clause a line, indented by parenthesis depth, with select lists one item a line,
 * so that a change to a generated statement shows in a diff as the lines it changes. White space
 * is folded (not inside quotes); nothing else is altered.
 */
export function formatSql(text: string): string {
  const tokens = text.match(TOKEN) ?? [];
  const clauseAt: (string | undefined)[] = [undefined];
  let depth = 0;
  let out = '';
  const newline = (indent: number) => {
    out = `${out.trimEnd()}\n${'  '.repeat(indent)}`;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (/^\s+$/.test(token)) {
      if (!/(^|\s)$/.test(out)) out += ' ';
      continue;
    }
    const clause = clauseStarting(tokens, i);
    if (clause) {
      if (out.trim()) newline(depth);
      clauseAt[depth] = clause.words;
      out += clause.text;
      i = clause.end - 1;
      continue;
    }
    if (token === '(') clauseAt[++depth] = undefined;
    if (token === ')') {
      depth = Math.max(0, depth - 1);
      out = out.trimEnd();
    }
    out += token;
    if (token === ',' && LISTS.has(clauseAt[depth] ?? '')) newline(depth + 1);
  }
  return out.trim();
}

/**
 * The clause whose words start at tokens[i] (white space between them skipped), if any: its
 * keyword, its text as written (one space between words) and the index of the token after it.
 */
function clauseStarting(
  tokens: string[],
  i: number,
): { words: string; text: string; end: number } | undefined {
  for (const words of CLAUSES) {
    let j = i;
    const written: string[] = [];
    const matches = words.every((word, k) => {
      if (k > 0) while (j < tokens.length && /^\s+$/.test(tokens[j])) j++;
      written.push(tokens[j] ?? '');
      return tokens[j++]?.toLowerCase() === word;
    });
    if (matches) return { words: words.join(' '), text: written.join(' '), end: j };
  }
  return undefined;
}
