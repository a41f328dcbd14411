import type {ChartPoint} from '@site/src/playground/protocol';

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
