import {describe, expect, it} from 'vitest';
import {curvePath, logSteps, nearestRow, scaleOf, valueAxis} from './sweep-axes';
import type {Row} from './rows';

const rows: Row[] = [
  {clients: 10, none: 40, exponential: 30, full: 20, equal: 22, decorrelated: 25},
  {clients: 20, none: 170, exponential: 120, full: 60, equal: 70, decorrelated: 80},
  {clients: 30, none: 380, exponential: 260, full: 110, equal: 130, decorrelated: 150},
];

describe('valueAxis', () => {
  it('linear: recharts’ nice ticks from 0 to the highest value, the domain reaching the last', () => {
    // Its "adaptive" steps fit the highest value closely: 95, not 100 (the page's 0 … 18k reads 4500 apart).
    expect(valueAxis(rows, false)).toEqual({log: false, domain: [0, 380], ticks: [0, 95, 190, 285, 380]});
  });

  it('log: from the 1-2-5 step at or below the lowest value to the one at or above the highest, labelled at each', () => {
    expect(valueAxis(rows, true)).toEqual({log: true, domain: [20, 500], ticks: [20, 50, 100, 200, 500]});
  });

  it('log: stays put while the values move between the same steps', () => {
    const moved = rows.map((row) => ({...row, full: row.full! * 1.1, none: row.none! * 1.2}));
    expect(valueAxis(moved, true)).toEqual(valueAxis(rows, true));
  });

  it('log: keeps only the decades once 1-2-5 labels would crowd the axis', () => {
    const wide: Row[] = [{clients: 10, none: 3, full: 40_000}];
    expect(valueAxis(wide, true)).toEqual({log: true, domain: [2, 50_000], ticks: [10, 100, 1000, 10_000]});
  });

  it('skips a strategy a row lacks', () => {
    const gaps: Row[] = [
      {clients: 10, none: 5},
      {clients: 20, full: 50},
    ];
    expect(valueAxis(gaps, true).domain).toEqual([5, 50]);
  });
});

describe('logSteps', () => {
  it('runs 1, 2, 5 through each decade, an end on a step keeping just that step', () => {
    expect(logSteps(150, 1800)).toEqual([100, 200, 500, 1000, 2000]);
    expect(logSteps(100, 1000)).toEqual([100, 200, 500, 1000]);
    expect(logSteps(0.15, 0.3)).toEqual([0.1, 0.2, 0.5]);
    expect(logSteps(7, 7)).toEqual([5, 10]);
  });
});

describe('scaleOf', () => {
  it('maps a linear domain onto a range, reversed for y', () => {
    const y = scaleOf([0, 400], [268, 68]);
    expect([y(0), y(100), y(400)]).toEqual([268, 218, 68]);
  });

  it('maps a log domain by orders of magnitude', () => {
    const y = scaleOf([10, 1000], [200, 0], true);
    expect(y(10)).toBeCloseTo(200);
    expect(y(100)).toBeCloseTo(100);
    expect(y(1000)).toBeCloseTo(0);
  });

  it('puts every value of a one-value domain mid-range', () => {
    expect(scaleOf([5, 5], [0, 100], true)(5)).toBe(50);
  });
});

describe('curvePath', () => {
  const x = scaleOf([10, 30], [0, 200]);
  const y = (value: number) => value;

  it('draws straight segments through the strategy’s points', () => {
    expect(curvePath(rows, 'full', x, y)).toBe('M0.00,20.00L100.00,60.00L200.00,110.00');
  });

  it('breaks the curve where a value is missing', () => {
    const gap: Row[] = [rows[0]!, {clients: 20}, rows[2]!];
    expect(curvePath(gap, 'full', x, y)).toBe('M0.00,20.00M200.00,110.00');
  });
});

describe('nearestRow', () => {
  it('is the row drawn nearest the pointer', () => {
    const x = scaleOf([10, 30], [0, 200]);
    expect(nearestRow(rows, 40, x)).toBe(0);
    expect(nearestRow(rows, 60, x)).toBe(1);
    expect(nearestRow(rows, 500, x)).toBe(2);
  });
});
