import type {ChartPoint} from '@site/src/snippet-runner/protocol';

/**
 * How a playground charts its run. Points without a `series` are calls,
 * drawn as dots coloured by outcome; a `lines` series is drawn as a line of
 * its `value`s; a `bands` series marks state changes (`outcome` = the new
 * state), drawn as coloured spans behind everything else.
 */
export interface ChartConfig {
  calls?: {y: 'delayMs' | 'latencyMs' | 'value' | 'attempt'; label: string};
  lines?: Array<{series: string; label: string; color: string; axis?: 'left' | 'right'}>;
  /** Title of the right-hand axis, when a line uses it. */
  rightLabel?: string;
  bands?: {series: string; colors: Record<string, string>};
}

export const retryChart: ChartConfig = {calls: {y: 'delayMs', label: 'wait before attempt (ms)'}};

export interface Band {
  state: string;
  from: number;
  to: number;
}

export interface ChartSeries {
  callsByOutcome: Array<[string, ChartPoint[]]>;
  lines: Map<string, ChartPoint[]>;
  bands: Band[];
  end: number;
}

/** Splits a run's points into what each chart layer draws. */
export function seriesOf(points: readonly ChartPoint[], config: ChartConfig): ChartSeries {
  const callsByOutcome = new Map<string, ChartPoint[]>();
  const lines = new Map<string, ChartPoint[]>((config.lines ?? []).map((line) => [line.series, []]));
  const changes: ChartPoint[] = [];
  let end = 0;
  for (const point of points) {
    end = Math.max(end, point.t);
    if (point.series === undefined) {
      const group = callsByOutcome.get(point.outcome) ?? [];
      group.push(point);
      callsByOutcome.set(point.outcome, group);
    } else if (point.series === config.bands?.series) {
      changes.push(point);
    } else {
      lines.get(point.series)?.push(point);
    }
  }
  const bands = changes.map((change, index) => ({
    state: change.outcome,
    from: change.t,
    to: changes[index + 1]?.t ?? end,
  }));
  return {callsByOutcome: [...callsByOutcome.entries()], lines, bands, end};
}

/**
 * The most markers one redraw puts on the canvas, at a few microseconds
 * each (raster included) — past this many the chart draws a sample, not
 * every point: a window of 5 000 points, redrawn ten times a second during a
 * flood, cost frames of 50 ms and more on a busy machine.
 */
export const drawLimit = 1_000;

/** 1 when the chart draws all of `count` points, else n: it draws every n-th. */
export const drawStride = (count: number, limit = drawLimit) => Math.max(1, Math.ceil(count / limit));

/**
 * At most `limit` of `points` to draw: every `stride`-th by its number in the
 * run (`before` points came before the first one here), so the same points
 * stay drawn as more arrive, and always the newest. State changes (`bands`)
 * are all kept — they are few and the background depends on each.
 */
export function thinPoints(points: ChartPoint[], before: number, config: ChartConfig, limit = drawLimit): ChartPoint[] {
  const stride = drawStride(points.length, limit);
  if (stride === 1) return points;
  return points.filter(
    (point, index) =>
      (before + index) % stride === 0 ||
      index === points.length - 1 ||
      (point.series !== undefined && point.series === config.bands?.series),
  );
}

/** Round tick steps: 1, 2 and 5 times a power of ten, at least `smallest`. */
function niceStep(span: number, count: number, smallest = 1): number {
  const raw = Math.max(span / count, smallest);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw)!;
}

/**
 * Where the time axis ends for a run `endMs` long: the next of 1, 2 and 5
 * times a power of ten. The axis then moves only when the run doubles (or
 * so) in length — a chart.point flood asks for a new axis a handful of times,
 * not at every tick step, and each new axis is a recharts re-render of tens
 * of milliseconds, hundreds on a loaded machine.
 */
export function timeAxisEnd(endMs: number): number {
  if (endMs <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(endMs));
  return [1, 2, 5, 10].map((factor) => factor * power).find((end) => end >= endMs)!;
}

/**
 * Ticks for the time axis, 0 to past `endMs`, with as many decimals as the
 * step needs — a 300 ms run reads 0.00s, 0.10s, 0.20s… instead of "0.0s"
 * five times.
 */
export function timeTicks(endMs: number, count = 5): {ticks: number[]; format(ms: number): string} {
  const step = niceStep(endMs, count);
  const ticks = [0];
  while (ticks.at(-1)! < endMs || ticks.length < 2) ticks.push(ticks.at(-1)! + step);
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(step)));
  return {ticks, format: (ms) => `${(ms / 1000).toFixed(decimals)}s`};
}

/**
 * Ticks for a value axis: round steps from 0 (or below it, for negative
 * values) to past the largest value — what recharts picks from data of its
 * own, which it has none of here (the canvas draws the points). Whole
 * numbers only for counts such as attempts.
 */
export function valueTicks(values: Iterable<number | undefined>, integers = false, count = 4): number[] {
  let low = 0;
  let high = 0;
  for (const value of values) {
    if (value === undefined || !Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (high === low) high = low + 1;
  const step = niceStep(high - low, count, integers ? 1 : Number.MIN_VALUE);
  // Multiples of the step, rounded, so 0.1 steps read 0.3, not 0.30000000000000004.
  const tick = (index: number) => Number((index * step).toPrecision(12));
  const ticks = [tick(Math.floor(low / step))];
  while (ticks.at(-1)! < high || ticks.length < 2) ticks.push(tick(Math.floor(low / step) + ticks.length));
  return ticks;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The chart in words, for readers who cannot see it: how many calls ended
 * how, the range of each line, the order of the states. One sentence per
 * layer, so a screen reader reads it in one go. Counted in one pass, without
 * seriesOf's lists: it reads the whole window (5 000 points) at each of a
 * flood's updates.
 */
export function describeRun(points: readonly ChartPoint[], config: ChartConfig): string {
  const outcomes = new Map<string, number>();
  const lines = new Map<string, {first: number; last: number; lowest: number; highest: number}>();
  const states: ChartPoint[] = [];
  let calls = 0;
  let end = 0;
  for (const point of points) {
    end = Math.max(end, point.t);
    if (point.series === undefined) {
      calls++;
      outcomes.set(point.outcome, (outcomes.get(point.outcome) ?? 0) + 1);
    } else if (point.series === config.bands?.series) {
      states.push(point);
    } else {
      const value = point.value ?? 0;
      const line = lines.get(point.series);
      if (line) {
        line.last = value;
        line.lowest = Math.min(line.lowest, value);
        line.highest = Math.max(line.highest, value);
      } else lines.set(point.series, {first: value, last: value, lowest: value, highest: value});
    }
  }
  const parts: string[] = [];
  if (calls > 0) {
    const counts = [...outcomes].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
    parts.push(`${count(calls, 'call')} in ${seconds(end)}: ${counts}.`);
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  for (const {series, label} of config.lines ?? []) {
    const line = lines.get(series);
    if (!line) continue;
    parts.push(
      `${label}: from ${round(line.first)} to ${round(line.last)}, lowest ${round(line.lowest)}, highest ${round(line.highest)}.`,
    );
  }
  if (states.length > 0) {
    parts.push(`States: ${states.map((state) => `${state.outcome} at ${seconds(state.t)}`).join(', then ')}.`);
  }
  return parts.join(' ') || 'The run reported nothing to chart.';
}
