import {describe, expect, it} from 'vitest';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {seriesOf, type ChartConfig} from './chart-config';
import {drawMarks, markAt, type ChartCanvas} from './marks';
import {outcomeColor} from './outcome-colors';

/** A canvas context that records each fill and stroke with the path drawn since the last beginPath. */
function recordingContext() {
  const paints: Array<{kind: 'fill' | 'stroke'; style: string; dash: number[]; path: string[]}> = [];
  let path: string[] = [];
  let dash: number[] = [];
  const context = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform: () => {},
    clearRect: () => {},
    beginPath: () => (path = []),
    moveTo: (x: number, y: number) => path.push(`M${x},${y}`),
    lineTo: (x: number, y: number) => path.push(`L${x},${y}`),
    closePath: () => path.push('Z'),
    arc: (x: number, y: number) => path.push(`A${x},${y}`),
    rect: (x: number, y: number) => path.push(`R${x},${y}`),
    setLineDash: (segments: number[]) => (dash = segments),
    fill() {
      paints.push({kind: 'fill', style: String(this.fillStyle), dash, path});
    },
    stroke() {
      paints.push({kind: 'stroke', style: String(this.strokeStyle), dash, path});
    },
  };
  return {context: context as unknown as ChartCanvas, paints};
}

const identity = (value: number) => value;
const size = {width: 300, height: 200, pixelRatio: 2};

describe('drawMarks', () => {
  const config: ChartConfig = {
    calls: {y: 'delayMs', label: 'wait'},
    lines: [
      {series: 'tokens', label: 'tokens', color: '#123456', axis: 'right'},
      {series: 'limit', label: 'limit', color: '#654321'},
    ],
  };
  const points: ChartPoint[] = [
    {t: 10, outcome: 'ok', delayMs: 5},
    {t: 20, outcome: 'unavailable', delayMs: 50},
    {t: 30, outcome: 'ok', delayMs: 7},
    {t: 40, outcome: 'ok'},
    {t: 15, outcome: 'ok', series: 'tokens', value: 3},
    {t: 25, outcome: 'ok', series: 'tokens', value: 2},
    {t: 15, outcome: 'ok', series: 'limit', value: 9},
  ];

  it('fills each call in the colour and shape of its outcome, and returns where each is', () => {
    const {context, paints} = recordingContext();
    const marks = drawMarks(context, size, seriesOf(points, config), config, {x: identity, left: identity});
    const fills = paints.filter((paint) => paint.kind === 'fill');
    expect(fills.map((fill) => fill.style)).toEqual([
      outcomeColor('ok'),
      outcomeColor('ok'),
      outcomeColor('unavailable'),
    ]);
    // A circle (ok) is an arc round its point; a cross (unavailable) is a twelve-sided polygon.
    expect(fills.slice(0, 2).map((fill) => fill.path.filter((step) => step.startsWith('A')))).toEqual([
      ['A10,5'],
      ['A30,7'],
    ]);
    expect(fills[2]!.path.some((step) => step.startsWith('A'))).toBe(false);
    expect(fills[2]!.path.filter((step) => step.startsWith('L'))).toHaveLength(11);
    // The call without a delay has no place on this axis.
    expect(marks.map((mark) => [mark.x, mark.y])).toEqual([
      [10, 5],
      [30, 7],
      [20, 50],
    ]);
  });

  it('places every shape at its point, squares too', () => {
    const {context, paints} = recordingContext();
    const internal: ChartPoint[] = [{t: 40, outcome: 'internal', delayMs: 20}];
    drawMarks(context, size, seriesOf(internal, config), config, {x: identity, left: identity});
    // A 64 px² square is 8 px wide, its corner 4 px up and left of the point.
    expect(paints[paints.length - 1]!.path).toEqual(['R36,16']);
  });

  it('strokes each line through its values on its own axis, dashed as the legend says', () => {
    const {context, paints} = recordingContext();
    const right = (value: number) => value * 10;
    drawMarks(context, size, seriesOf(points, config), config, {x: identity, left: identity, right});
    const strokes = paints.filter((paint) => paint.kind === 'stroke');
    expect(strokes.map((stroke) => [stroke.style, stroke.dash, stroke.path])).toEqual([
      ['#123456', [], ['M15,30', 'L25,20']],
      ['#654321', [6, 3], ['M15,9']],
    ]);
  });

  it('leaves out a value that is not a number', () => {
    const {context} = recordingContext();
    const odd: ChartPoint[] = [...points, {t: 50, outcome: 'ok', delayMs: Number.NaN}];
    const marks = drawMarks(context, size, seriesOf(odd, config), config, {x: identity, left: identity});
    expect(marks.map((mark) => mark.point.t)).toEqual([10, 30, 20]);
  });
});

describe('markAt', () => {
  const point: ChartPoint = {t: 0, outcome: 'ok'};
  const marks = [
    {x: 10, y: 10, point},
    {x: 14, y: 10, point},
  ];

  it('finds the nearest mark within the radius', () => {
    expect(markAt(marks, 13, 11)).toBe(marks[1]);
    expect(markAt(marks, 40, 40)).toBeUndefined();
  });
});
