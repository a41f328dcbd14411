import {getNiceTickValues} from 'recharts';
import {strategyNames, type StrategyName} from '@beamline/resilience/backoff';
import type {Row} from './rows';

/** The clients axis: the sweep's range, whatever the sweep. */
export const clientsDomain: [number, number] = [10, 200];

/**
 * A sweep chart's value axis, derived from the rows and given to recharts
 * ready-made, so a sweep whose axis comes out the same leaves recharts' part
 * of the chart alone (see SweepChart).
 */
export interface ValueAxis {
  log: boolean;
  domain: [number, number];
  /** Linear: recharts' "nice" ticks for [0, highest], which also set the domain's top. Log: its 1-2-5 steps. */
  ticks?: number[];
}

/** Log axes are labelled at 1, 2 and 5 of each decade (…, 50, 100, 200, 500, 1000, …). */
const logMantissas = [1, 2, 5] as const;
/** More labels than this crowd a chart's height: the axis then keeps its decades only. */
const mostLogTicks = 8;

/** The 1-2-5 steps from the last one at or below `low` to the first at or above `high` (both > 0). */
export function logSteps(low: number, high: number): number[] {
  const steps: number[] = [];
  for (let exponent = Math.floor(Math.log10(low)); ; exponent++) {
    for (const mantissa of logMantissas) {
      // toPrecision: 2 × 10^-1 is 0.2, not 0.20000000000000004.
      const step = Number((mantissa * 10 ** exponent).toPrecision(12));
      // A step at or below the lowest value starts the axis over: the axis begins at the last of them.
      if (step <= low) steps.length = 0;
      steps.push(step);
      if (step >= high) return steps;
    }
  }
}

const isDecade = (step: number) => Number((10 ** Math.round(Math.log10(step))).toPrecision(12)) === step;

/**
 * Linear: recharts' domain [0, 'auto'] — its nice ticks (tickCount 5,
 * decimals allowed) from 0 to the highest value, the domain stretched to the
 * last. Log: from the 1-2-5 step at or below the lowest value to the one at or
 * above the highest, labelled at those steps. Snapped, so the axis stays put
 * while a slider moves the values inside it: recharts then leaves it alone
 * (the values' own range moved it, and re-rendered recharts, on most moves).
 */
export function valueAxis(rows: readonly Row[], log: boolean): ValueAxis {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    for (const strategy of strategyNames) {
      const value = row[strategy];
      if (value === undefined) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  if (log) {
    // No values yet, or none a log scale can place: nothing to snap.
    if (!(low > 0 && high >= low)) return {log, domain: [low, high]};
    const steps = logSteps(low, high);
    const decades = steps.filter(isDecade);
    const ticks = steps.length <= mostLogTicks || decades.length < 2 ? steps : decades;
    return {log, domain: [steps[0]!, steps.at(-1)!], ticks};
  }
  const ticks = getNiceTickValues([0, high], 5, true, 'adaptive');
  return {log, domain: [Math.min(0, ticks[0]!), Math.max(high, ticks.at(-1)!)], ticks};
}

/** value → px, as d3's linear and log scales (recharts' own) map a domain onto a range. */
export function scaleOf(domain: readonly [number, number], range: readonly [number, number], log = false) {
  const transform = log ? Math.log : (value: number) => value;
  const [from, to] = domain.map(transform) as [number, number];
  const [start, end] = range;
  // A domain of one value (a sweep whose every value is equal) maps to the range's middle, as d3's does.
  if (from === to) return () => (start + end) / 2;
  return (value: number) => start + ((transform(value) - from) / (to - from)) * (end - start);
}

/**
 * One strategy's curve as an SVG path, straight segments through its points
 * (recharts' Line, type "linear"); a missing value breaks the curve, as
 * recharts does without connectNulls.
 */
export function curvePath(
  rows: readonly Row[],
  strategy: StrategyName,
  x: (clients: number) => number,
  y: (value: number) => number,
): string {
  let path = '';
  let command = 'M';
  for (const row of rows) {
    const value = row[strategy];
    if (value === undefined) {
      command = 'M';
      continue;
    }
    path += `${command}${x(row.clients).toFixed(2)},${y(value).toFixed(2)}`;
    command = 'L';
  }
  return path;
}

/** The row whose client count is drawn nearest to `px`: the one a tooltip shows. */
export function nearestRow(rows: readonly Row[], px: number, x: (clients: number) => number): number | undefined {
  let best: number | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [index, row] of rows.entries()) {
    const distance = Math.abs(x(row.clients) - px);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  return best;
}
