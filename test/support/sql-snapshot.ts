import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'expect';
import { formatSql } from './sql-format';
import type { RecordedStatement } from './sql-recorder';

const SNAPSHOTS = join(__dirname, '../medium/__sql__');
const UPDATE = process.env.UPDATE_SQL_SNAPSHOTS === '1';

/** Named recordings, written out in order: `-- <name>` then each statement, formatted. */
export type SqlSections = Record<string, RecordedStatement[]>;

/** A statement met again is named, not repeated: should one copy change, both show in full. */
export function renderSql(sections: SqlSections): string {
  const firstSeenIn = new Map<string, string>();
  const render = (title: string, s: RecordedStatement): string => {
    const text = formatSql(s.text);
    const prepared = s.name ? `-- prepared as ${s.name}\n` : '';
    const earlier = firstSeenIn.get(text);
    if (earlier) return `${prepared}-- the statement shown under "${earlier}"`;
    firstSeenIn.set(text, title);
    return `${prepared}${text};`;
  };
  const blocks = Object.entries(sections).map(([title, statements]) =>
    [`-- ${title}`, ...statements.map((s) => render(title, s))].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

/**
 * Compares the SQL a code path sent with test/medium/__sql__/<file>, so that a change to it shows
 * in review as a diff of that file. UPDATE_SQL_SNAPSHOTS=1 rewrites the file instead.
 */
export function expectSqlSnapshot(file: string, sections: SqlSections): void {
  const path = join(SNAPSHOTS, file);
  const actual = renderSql(sections);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`No SQL snapshot ${relative(process.cwd(), path)}: run with UPDATE_SQL_SNAPSHOTS=1`);
  }
  try {
    expect(actual).toBe(readFileSync(path, 'utf8'));
  } catch (err) {
    (err as Error).message =
      `The SQL pinned in ${file} changed; if that is intended, rerun with UPDATE_SQL_SNAPSHOTS=1 ` +
      `and commit the file.\n\n${(err as Error).message}`;
    throw err;
  }
}
