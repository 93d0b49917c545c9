import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './proc';
import { sleep } from './util';

/** A process's memory as the kernel sees it, in KiB (/proc/<pid>/status and smaps_rollup). */
export interface ProcMemory {
  rssKiB: number;
  /** Private anonymous pages: the JS heap, malloc, buffers. */
  rssAnonKiB: number;
  /** Mapped files: the node binary and shared libraries. */
  rssFileKiB: number;
  /** Proportional set size (shared pages divided among their users). */
  pssKiB: number;
  openFiles: number;
}

const field = (text: string, name: string): number => {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
};

export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  let pssKiB = NaN;
  try {
    pssKiB = field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
  } catch {
    // kernels before 4.14 have no smaps_rollup
  }
  return {
    rssKiB: field(status, 'VmRSS'),
    rssAnonKiB: field(status, 'RssAnon'),
    rssFileKiB: field(status, 'RssFile'),
    pssKiB,
    openFiles: readdirSync(`/proc/${pid}/fd`).length,
  };
}

/** process.memoryUsage() of the server, as it was and after a forced full GC (bench/lib/memory-report.cjs). */
export type HeapUsage = NodeJS.MemoryUsage & {
  spaces: Record<string, { physicalKiB: number; usedKiB: number }>;
};

export interface HeapReport {
  asIs: HeapUsage;
  afterGc: HeapUsage;
  heapSnapshot?: string;
}

/** Node arguments that preload the memory report into the server. */
export const MEMORY_REPORT_ARGS = ['--require', './bench/lib/memory-report.cjs'];

/** Asks a server started with MEMORY_REPORT_ARGS for its heap figures (forces a GC in it). */
export async function heapReport(pid: number, timeoutMs = 60_000): Promise<HeapReport> {
  const file = resolve(ROOT, `bench/results/memory-${pid}.json`);
  rmSync(file, { force: true });
  process.kill(pid, 'SIGWINCH');
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`no memory report from pid ${pid} within ${timeoutMs} ms`);
    await sleep(100);
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as HeapReport;
  rmSync(file, { force: true });
  return report;
}

/**
 * Raises a process's open-file limit (soft and hard) to at least `wanted` with prlimit(1): raising the
 * hard limit needs root (CAP_SYS_RESOURCE). Returns the soft limit in force afterwards.
 */
export function raiseOpenFileLimit(pid: number, wanted: number, current: number): number {
  if (current >= wanted) return current;
  spawnSync('prlimit', [`--pid=${pid}`, `--nofile=${wanted}:${wanted}`], { stdio: 'ignore' });
  const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  return !m || m[1] === 'unlimited' ? Infinity : Number(m[1]);
}
