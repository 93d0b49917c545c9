/**
 * Preloaded into the server by the connections scenario (plain JS, so the server runs without a
 * TypeScript loader): on SIGWINCH (ignored by default; SIGUSR2 is taken by cpu-profile.ts) writes
 * bench/results/memory-<pid>.json with process.memoryUsage() as it is, then after a forced full GC.
 * With BENCH_HEAP_SNAPSHOT=1 it also writes a heap snapshot after that GC
 * (bench/results/server-<pid>-<n>.heapsnapshot; summarise with bench/probes/heap-summary.ts).
 * The file is written under a temporary name and renamed, so a reader never sees half of it.
 * Bench only: the product has no such endpoint.
 */
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const dir = resolve(__dirname, '../results');
let snapshots = 0;

/** memoryUsage() and, per V8 heap space, the KiB it has in RAM and the KiB used. */
function usage() {
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics())
    spaces[s.space_name] = { physicalKiB: s.physical_space_size >> 10, usedKiB: s.space_used_size >> 10 };
  return { ...process.memoryUsage(), spaces };
}

process.on('SIGWINCH', () => {
  const asIs = usage();
  gc();
  const afterGc = usage();
  let heapSnapshot;
  if (process.env.BENCH_HEAP_SNAPSHOT === '1')
    heapSnapshot = v8.writeHeapSnapshot(resolve(dir, `server-${process.pid}-${++snapshots}.heapsnapshot`));
  const file = resolve(dir, `memory-${process.pid}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify({ asIs, afterGc, heapSnapshot }));
  renameSync(`${file}.tmp`, file);
});
