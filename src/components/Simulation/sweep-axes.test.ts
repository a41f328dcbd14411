import {describe, expect, it} from 'vitest';
import {curvePath, nearestRow, scaleOf, valueAxis} from './sweep-axes';
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

  it('log: the values’ own range, with no ticks of its own', () => {
    expect(valueAxis(rows, true)).toEqual({log: true, domain: [20, 380]});
  });

  it('skips a strategy a row lacks', () => {
    const gaps: Row[] = [
      {clients: 10, none: 5},
      {clients: 20, full: 50},
    ];
    expect(valueAxis(gaps, true).domain).toEqual([5, 50]);
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
