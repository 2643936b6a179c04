// What every benchmark shares: figures and their printing, percentiles, temp folders, child
// processes that are always cleaned up. Benchmarks print figures; they are not tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One measured figure against its target. `higherIsBetter` decides how the ratio reads. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number;
  higherIsBetter: boolean;
  /** A published point of comparison, printed after the ratio. */
  context?: string;
  /** Further numbers worth keeping (latencies, sizes, timings of set-up). */
  details?: Record<string, number | string | boolean>;
}

/** A number with thousands separators and the given decimals. */
export const fmt = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** How far past (>1) or short of (<1) the target the figure is, whichever direction is better. */
export function ratio(f: Figure): number {
  return f.higherIsBetter ? f.value / f.target : f.target / f.value;
}

/** Whether a figure meets its target. */
export function passes(f: Figure): boolean {
  return f.higherIsBetter ? f.value >= f.target : f.value < f.target;
}

/** A figure as one line: value, unit, target and context. */
export function describe(f: Figure): string {
  const digits = f.value < 100 ? 2 : 0;
  const target = `${f.higherIsBetter ? '≥' : '<'} ${fmt(f.target)} ${f.unit}`;
  const ctx = f.context ? `; ${f.context}` : '';
  return `${f.name}: ${fmt(f.value, digits)} ${f.unit} (target ${target}; ${ratio(f).toFixed(2)}×${ctx})`;
}

/** The q-quantile (0..1) of already sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Median, 99th percentile, mean and maximum of latency samples. */
export function latencySummary(samples: number[]): { p50: number; p99: number; mean: number; max: number } {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  const mean = arr.reduce((a, b) => a + b, 0) / Math.max(1, arr.length);
  return { p50: quantile(arr, 0.5), p99: quantile(arr, 0.99), mean, max: arr.at(-1) ?? NaN };
}

/** A temp folder removed by `dispose`, whatever happened in between. */
export function tempDir(prefix: string): { path: string; dispose: () => void } {
  const path = mkdtempSync(join(tmpdir(), `collegium-bench-${prefix}-`));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** A progress line on stderr, apart from the figures on stdout. */
export function log(line: string): void {
  process.stderr.write(`  · ${line}\n`);
}

/** Seconds since `start` (a performance.now() reading). */
export const since = (start: number): number => (performance.now() - start) / 1000;
