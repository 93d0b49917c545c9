/**
 * Summarises a .cpuprofile (bench --cpu-prof): self and inclusive time per package (node_modules
 * name, "spectre" for dist/ and src/, "node:" internals, "(gc)", "(idle)", "(program)") and the
 * top self-time functions. Usage: node --require @swc-node/register bench/probes/profile-summary.ts <file> [top]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

function packageOf(n: Node): string {
  const { url, functionName } = n.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url.split('/')[0].replace(/^node:internal.*/, 'node:internal');
  if (url.includes('/dist/') || url.includes('/src/')) return 'spectre';
  return url;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const pkgSelf = new Map<string, number>();
const pkgIncl = new Map<string, number>();
const fnSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const pkg = packageOf(n);
  pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/(dist|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const p = packageOf(byId.get(cur)!);
    if (!seen.has(p)) {
      seen.add(p);
      pkgIncl.set(p, (pkgIncl.get(p) ?? 0) + us);
    }
  }
}
const pct = (us: number) => ((100 * us) / total).toFixed(1).padStart(5) + ' %';
console.log(`total ${(total / 1e6).toFixed(2)} s sampled`);
console.log('\npackage                          self     inclusive');
for (const [p, us] of [...pkgSelf].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${p.slice(0, 30).padEnd(30)} ${pct(us)}  ${pct(pkgIncl.get(p) ?? 0)}`);
console.log('\ntop self time');
for (const [f, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${f}`);
