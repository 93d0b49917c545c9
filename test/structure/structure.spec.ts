import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';

/**
 * The layout rules of ARCHITECTURE.md, checked on the source: features depend downwards, never in
 * circles; the platform knows no feature; only the access layer reads team membership.
 * Run alone with `npm run check:structure`.
 */
const SRC = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Relative imports of each file (type-only ones too: they are dependencies of the design). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => graph.has(p) || exists(p));
      if (target) targets.push(relative(SRC, target));
    }
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const exists = (p: string): boolean => {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
};

/** The unit a file belongs to: a feature folder, realtime/, a platform part, db/, config/ or the root. */
function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'modules' || parts[0] === 'platform') return `${parts[0]}/${parts[1]}`;
  return parts.length > 1 ? parts[0] : '(root)';
}

/** Strongly connected components with more than one member (Tarjan), each a cycle. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const info = new Map<string, { index: number; low: number; onStack: boolean }>();
  const found: string[][] = [];
  const visit = (v: string) => {
    info.set(v, { index, low: index, onStack: true });
    index += 1;
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!info.has(w)) {
        visit(w);
        info.get(v)!.low = Math.min(info.get(v)!.low, info.get(w)!.low);
      } else if (info.get(w)!.onStack) {
        info.get(v)!.low = Math.min(info.get(v)!.low, info.get(w)!.index);
      }
    }
    if (info.get(v)!.low === info.get(v)!.index) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        info.get(w)!.onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!info.has(v)) visit(v);
  return found;
}

/**
 * The layers of ARCHITECTURE.md, bottom (0) to top: a unit may import only units of a lower layer
 * (platform parts may also import each other). A new feature gets its layer here and on that page.
 */
const LAYERS: Record<string, number> = {
  config: 0,
  db: 1,
  platform: 2,
  'modules/access': 3,
  'modules/auth': 3,
  'modules/visitors': 3,
  'modules/presence': 3,
  'modules/health': 3,
  'modules/web': 3,
  'modules/projects': 4,
  'modules/business-hours': 4,
  'modules/canned-responses': 4,
  'modules/widget': 5,
  'modules/labels': 5,
  'modules/conversations': 6,
  'modules/attachments': 6,
  'modules/messages': 7,
  'modules/teams': 7,
  'modules/contacts': 8,
  'modules/search': 8,
  'modules/csat': 8,
  'modules/reports': 8,
  'modules/webhooks': 8,
  'modules/notifications': 8,
  realtime: 9,
  '(root)': 10,
};
const layerOf = (unit: string): number | undefined =>
  LAYERS[unit] ?? (unit.startsWith('platform/') ? LAYERS.platform : undefined);

describe('source structure', () => {
  const graph = importGraph();
  const unitEdges = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = unitOf(file);
    const set = unitEdges.get(from) ?? new Set<string>();
    for (const t of targets) if (unitOf(t) !== from) set.add(unitOf(t));
    unitEdges.set(from, set);
  }
  const arrows = (from: (u: string) => boolean, to: (u: string) => boolean): string[] =>
    [...unitEdges].flatMap(([u, targets]) =>
      from(u) ? [...targets].filter(to).map((t) => `${u} -> ${t}`) : [],
    );

  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(unitEdges.get('modules/messages')).toContain('modules/conversations');
  });

  it('has no import cycle between feature folders, platform parts or layers', () => {
    expect(cycles(unitEdges)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const fileEdges = new Map([...graph].map(([f, t]) => [f, new Set(t)]));
    expect(cycles(fileEdges)).toEqual([]);
  });

  it('places every unit in a layer and imports only from the layers below', () => {
    expect([...unitEdges.keys()].filter((u) => layerOf(u) === undefined)).toEqual([]);
    const upward = [...unitEdges].flatMap(([u, targets]) =>
      [...targets]
        .filter((t) => !(u.startsWith('platform/') && t.startsWith('platform/')))
        .filter((t) => (layerOf(t) ?? Infinity) >= (layerOf(u) ?? -Infinity))
        .map((t) => `${u} (layer ${layerOf(u)}) -> ${t} (layer ${layerOf(t)})`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the platform, the database layer and config free of features and transport', () => {
    const low = (u: string) => u.startsWith('platform/') || u === 'db' || u === 'config';
    const high = (u: string) => u.startsWith('modules/') || u === 'realtime' || u === '(root)';
    expect(arrows(low, high)).toEqual([]);
  });

  it('keeps features free of the real-time transport', () => {
    expect(
      arrows(
        (u) => u.startsWith('modules/'),
        (u) => u === 'realtime',
      ),
    ).toEqual([]);
  });

  it('reads team membership only in the access layer (teams and sign-up own its writes)', () => {
    const owners = [
      /^modules\/access\//,
      /^modules\/teams\/teams\.repository\.ts$/,
      /^modules\/auth\/auth\.repository\.ts$/,
      /^db\//,
    ];
    const readers = [...graph.keys()].filter(
      (f) =>
        /team_members|teamMembers/.test(readFileSync(join(SRC, f), 'utf8')) && !owners.some((o) => o.test(f)),
    );
    expect(readers).toEqual([]);
  });
});
