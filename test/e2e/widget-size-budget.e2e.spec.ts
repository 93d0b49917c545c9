import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { WEB_DIST_DIR } from '../../src/modules/web/web-assets';

// The budgets, in gzip bytes of the built files (npm test builds them first: pretest).
const FIRST_LOAD_BUDGET = 8 * 1024;
const EVERYTHING_BUDGET = 45 * 1024;

const gzipped = (path: string): number => gzipSync(readFileSync(path), { level: 9 }).length;

describe('widget size budgets (built files in dist/web)', () => {
  const loader = join(WEB_DIST_DIR, 'widget.js');
  const widgetDir = join(WEB_DIST_DIR, 'widget');
  const chunks = readdirSync(widgetDir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));

  it('every page load runs only the loader and launcher: at most 8 KB', () => {
    const source = readFileSync(loader, 'utf8');
    // Preact and the socket client stay out of it: they come with the panel.
    expect(source).not.toMatch(/engine\.io|socket\.io|__H|preact/i);
    expect(gzipped(loader)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });

  it('everything the widget ever loads, socket client included, is at most 45 KB', () => {
    expect(chunks.length).toBeGreaterThan(0);
    const panel = chunks.map((f) => readFileSync(join(widgetDir, f), 'utf8')).join('\n');
    expect(panel).toMatch(/socket\.io|engine\.io|EIO/);
    const total = gzipped(loader) + chunks.reduce((sum, f) => sum + gzipped(join(widgetDir, f)), 0);
    expect(total).toBeLessThanOrEqual(EVERYTHING_BUDGET);
  });
});
