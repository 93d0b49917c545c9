// Canned responses in the reply box: which ones match what the agent typed after "/", and the
// body with its {{variables}} filled in (the console fills them before sending; the server never does).

export interface CannedItem {
  id: string;
  shortcut: string;
  title: string | null;
  body: string;
}

/** The values a canned body may use; null or '' when unknown (then the fallback, or nothing). */
export interface CannedValues {
  'visitor.name'?: string | null;
  'visitor.email'?: string | null;
  'agent.name'?: string | null;
  'project.name'?: string | null;
}

const VARIABLE = /\{\{\s*([a-z]+\.[a-z]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

/**
 * Replaces `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}` and `{{project.name}}`;
 * `{{visitor.name | there}}` uses "there" when the value is unknown. Unknown variable names are
 * left as written, so a typo shows instead of vanishing.
 */
export function fillVariables(body: string, values: CannedValues): string {
  return body.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    if (!(name in KNOWN)) return whole;
    const value = values[name as keyof CannedValues]?.trim();
    return value ? value : (fallback ?? '');
  });
}

const KNOWN: Record<keyof CannedValues, true> = {
  'visitor.name': true,
  'visitor.email': true,
  'agent.name': true,
  'project.name': true,
};

/**
 * The canned responses for what follows "/" (`query`), best first: shortcuts that start with the
 * query (shortest first), then those where every query word starts a word of the title or body,
 * title matches before body matches. An empty query lists all by shortcut.
 */
export function rankCanned<T extends CannedItem>(items: T[], query: string, limit = 8): T[] {
  const q = query.trim().toLowerCase();
  const byShortcut = (a: T, b: T) => a.shortcut.localeCompare(b.shortcut);
  if (!q) return [...items].sort(byShortcut).slice(0, limit);
  const words = q.split(/\s+/);
  const scored: { item: T; rank: number }[] = [];
  for (const item of items) {
    const rank = item.shortcut.startsWith(q)
      ? 0
      : wordsMatch(words, item.title ?? '')
        ? 1
        : wordsMatch(words, item.body)
          ? 2
          : -1;
    if (rank >= 0) scored.push({ item, rank });
  }
  return scored
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.rank === 0 ? a.item.shortcut.length - b.item.shortcut.length : 0) ||
        byShortcut(a.item, b.item),
    )
    .slice(0, limit)
    .map((s) => s.item);
}

/** Every query word is the start of some word of `text` (case-blind). */
function wordsMatch(queryWords: string[], text: string): boolean {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return queryWords.every((q) => words.some((w) => w.startsWith(q)));
}

/** The query when the reply box starts with "/" and has no line break yet; otherwise null. */
export function cannedQuery(text: string): string | null {
  const match = /^\/([^\n]*)$/.exec(text);
  return match ? match[1] : null;
}
