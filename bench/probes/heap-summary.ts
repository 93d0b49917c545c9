/**
 * Where the heap went between two V8 heap snapshots: self size by constructor (objects) or by
 * node type (strings, closures, arrays, code, …), the difference, and the difference per unit
 * (e.g. per socket opened between them). Snapshots from BENCH_HEAP_SNAPSHOT=1 (memory-report.cjs).
 *   node --require @swc-node/register bench/probes/heap-summary.ts before.heapsnapshot after.heapsnapshot [units] [rows]
 */
import { readFileSync } from 'node:fs';

interface Totals {
  count: number;
  bytes: number;
}

function summarise(file: string): Map<string, Totals> {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const fields: string[] = snap.snapshot.meta.node_fields;
  const types: string[] = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const nodes: number[] = snap.nodes;
  const strings: string[] = snap.strings;
  const out = new Map<string, Totals>();
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    const name = strings[nodes[i + nameAt]];
    const key =
      type === 'object' || type === 'native'
        ? name.slice(0, 60)
        : type === 'closure'
          ? `(closure) ${name.slice(0, 50)}`
          : type === 'hidden' || type === 'array' || type === 'object shape'
            ? `(${type}) ${name.slice(0, 50)}`
            : `(${type})`;
    const t = out.get(key) ?? { count: 0, bytes: 0 };
    t.count++;
    t.bytes += nodes[i + sizeAt];
    out.set(key, t);
  }
  return out;
}

const [beforeFile, afterFile, unitsArg, rowsArg] = process.argv.slice(2);
const units = Number(unitsArg ?? 1);
const rows = Number(rowsArg ?? 40);
const before = summarise(beforeFile);
const after = summarise(afterFile);
const diff = [...after].map(([key, a]) => {
  const b = before.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: a.count - b.count, bytes: a.bytes - b.bytes };
});
diff.sort((x, y) => y.bytes - x.bytes);
const total = diff.reduce((s, d) => s + d.bytes, 0);
console.log(
  `total self size Δ ${(total / 1024 / 1024).toFixed(1)} MiB; per unit ${(total / units).toFixed(0)} B`,
);
console.log('   B/unit  objs/unit  what');
for (const d of diff.slice(0, rows))
  console.log(
    `${(d.bytes / units).toFixed(0).padStart(9)}  ${(d.count / units).toFixed(2).padStart(9)}  ${d.key}`,
  );
