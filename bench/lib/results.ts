/** One row of the summary table (and of BENCHMARKS.md). */
export interface TargetRow {
  scenario: string;
  metric: string;
  target: string;
  measured: string;
  baseline: string;
  ratio: string;
  met: boolean | null;
}

export interface ScenarioResult {
  /** Raw figures, written to bench/results/latest.json. */
  figures: Record<string, unknown>;
  targets: TargetRow[];
}

export interface ScenarioOptions {
  quick: boolean;
}

export const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);
