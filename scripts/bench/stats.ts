/** Small helpers the bench scripts share: percentiles, printing, the host's load and BENCH_ONLY. */
import {loadavg} from 'node:os';

/** The p-th percentile (0..100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The machine may be shared: a wall-time figure means little without the load it was taken at. */
export function loadAverage(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')}`;
}

/**
 * The parts of a bench that BENCH_ONLY names (comma-separated; all when it
 * is unset or empty), so an A/B of one change measures only what it
 * changes. An unknown name is an error, not a silently empty run.
 */
export function benchOnly<Part extends string>(
  parts: readonly Part[],
  only: string | undefined = process.env.BENCH_ONLY,
): ReadonlySet<Part> {
  if (only === undefined || only.trim() === '') return new Set(parts);
  const named = only.split(',').map((part) => part.trim());
  const unknown = named.filter((part) => !(parts as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY: unknown part ${unknown.join(', ')}; the parts are ${parts.join(', ')}`);
  }
  return new Set(named as Part[]);
}
