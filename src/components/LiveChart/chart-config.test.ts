import {describe, expect, it} from 'vitest';
import {
  describeRun,
  drawStride,
  seriesOf,
  thinPoints,
  timeAxisEnd,
  timeTicks,
  valueTicks,
  type ChartConfig,
} from './chart-config';

const config: ChartConfig = {
  lines: [{series: 'tokens', label: 'tokens', color: '#000'}],
  bands: {series: 'state', colors: {closed: 'green', open: 'red'}},
};

describe('seriesOf', () => {
  it('sorts calls by outcome, line values by series, and turns state changes into spans', () => {
    const series = seriesOf(
      [
        {t: 0, series: 'state', outcome: 'closed'},
        {t: 5, outcome: 'ok'},
        {t: 6, series: 'tokens', outcome: 'level', value: 3},
        {t: 10, series: 'state', outcome: 'open'},
        {t: 12, outcome: 'rejected'},
        {t: 20, outcome: 'ok'},
        {t: 21, series: 'unknown', outcome: 'x'},
      ],
      config,
    );
    expect(series.callsByOutcome.map(([outcome, points]) => [outcome, points.length])).toEqual([
      ['ok', 2],
      ['rejected', 1],
    ]);
    expect(series.lines.get('tokens')).toEqual([{t: 6, series: 'tokens', outcome: 'level', value: 3}]);
    expect(series.bands).toEqual([
      {state: 'closed', from: 0, to: 10},
      {state: 'open', from: 10, to: 21},
    ]);
  });
});

describe('timeTicks', () => {
  it('labels a short run with distinct ticks, never "0.0s" twice', () => {
    const {ticks, format} = timeTicks(300);
    const labels = ticks.map(format);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['0.0s', '0.1s', '0.2s', '0.3s']);
  });

  it('uses whole seconds on a long run and always reaches past the last point', () => {
    const {ticks, format} = timeTicks(23_400);
    expect(ticks.map(format)).toEqual(['0s', '5s', '10s', '15s', '20s', '25s']);
    expect(timeTicks(0).ticks.length).toBeGreaterThan(1);
  });
});

describe('timeAxisEnd', () => {
  it('ends the time axis at the next 1, 2 or 5 times a power of ten, so it moves only as the run doubles', () => {
    expect([0, 1, 30, 100, 101, 300, 1_999, 2_001, 23_400].map(timeAxisEnd)).toEqual([
      1, 1, 50, 100, 200, 500, 2_000, 5_000, 50_000,
    ]);
    // A 3 s flood, shown every 100 ms, asks for a handful of axes, not one per tick step.
    const ends = new Set(Array.from({length: 30}, (_, index) => timeAxisEnd((index + 1) * 100)));
    expect([...ends]).toEqual([100, 200, 500, 1_000, 2_000, 5_000]);
  });
});

describe('describeRun', () => {
  it('says how the calls ended, what each line did and the order of the states', () => {
    const text = describeRun(
      [
        {t: 0, series: 'state', outcome: 'closed'},
        {t: 500, outcome: 'ok'},
        {t: 900, series: 'tokens', outcome: 'level', value: 3},
        {t: 1200, series: 'state', outcome: 'open'},
        {t: 1300, outcome: 'rejected'},
        {t: 1400, series: 'tokens', outcome: 'level', value: 1},
        {t: 2000, outcome: 'ok'},
      ],
      config,
    );
    expect(text).toBe(
      '3 calls in 2.0 s: 2 ok, 1 rejected. tokens: from 3 to 1, lowest 1, highest 3. States: closed at 0.0 s, then open at 1.2 s.',
    );
  });
});

describe('valueTicks', () => {
  it('steps round from zero to past the largest value', () => {
    expect(valueTicks([5, undefined, 139.47])).toEqual([0, 50, 100, 150]);
    expect(valueTicks([0.04, 0.27])).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('reaches below zero for negative values and never collapses to one tick', () => {
    expect(valueTicks([-3, 4])).toEqual([-4, -2, 0, 2, 4]);
    expect(valueTicks([])).toEqual([0, 0.5, 1]);
    expect(valueTicks([Number.NaN, 0])).toEqual([0, 0.5, 1]);
  });

  it('counts in whole numbers when asked', () => {
    expect(valueTicks([1, 2], true)).toEqual([0, 1, 2]);
  });
});

describe('thinPoints', () => {
  const calls = (from: number, count: number) =>
    Array.from({length: count}, (_, index) => ({t: from + index, outcome: 'ok', attempt: from + index}));

  it('draws every point up to the limit', () => {
    const points = calls(0, 10);
    expect(thinPoints(points, 0, config, 10)).toBe(points);
    expect(drawStride(10, 10)).toBe(1);
  });

  it('past the limit draws every n-th point by its number in the run, and the newest', () => {
    const points = thinPoints(calls(0, 25), 0, config, 10);
    expect(drawStride(25, 10)).toBe(3);
    expect(points.map((point) => point.t)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    // 5 000 points a window, drawn as at most the limit (plus the newest), with or without bands.
    expect(thinPoints(calls(0, 5_000), 0, config).length).toBeLessThanOrEqual(1_001);
    expect(thinPoints(calls(0, 5_000), 0, {calls: {y: 'delayMs', label: 'wait'}}).length).toBeLessThanOrEqual(1_001);
  });

  it('keeps drawing the same points as the window moves on', () => {
    const first = thinPoints(calls(0, 30), 0, config, 10).map((point) => point.t);
    const later = thinPoints(calls(3, 30), 3, config, 10).map((point) => point.t);
    expect(later.filter((t) => t < 29)).toEqual(first.filter((t) => t >= 3 && t < 29));
  });

  it('keeps every state change', () => {
    const points = [
      ...calls(0, 20),
      {t: 7, series: 'state', outcome: 'open'},
      {t: 8, series: 'state', outcome: 'closed'},
    ];
    const kept = thinPoints(points, 0, config, 10);
    expect(kept.filter((point) => point.series === 'state')).toHaveLength(2);
  });
});
