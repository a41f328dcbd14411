import {describe, expect, it} from 'vitest';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {axisTicks, drawAxes, plotScales, sameTicks} from './axes';
import {seriesOf, type ChartConfig} from './chart-config';
import type {ChartCanvas} from './marks';

/** A canvas context that records strokes (with their path and dashes), filled rectangles and text. */
function recordingContext() {
  const strokes: Array<{style: string; dash: number[]; path: string[]}> = [];
  const rects: Array<{style: string; alpha: number; rect: number[]}> = [];
  const texts: Array<{text: string; x: number; y: number; align: string; style: string; font: string}> = [];
  let path: string[] = [];
  let dash: number[] = [];
  const context = {
    fillStyle: '',
    strokeStyle: '',
    globalAlpha: 1,
    lineWidth: 1,
    font: '',
    textAlign: 'start',
    setTransform: () => {},
    clearRect: () => {},
    beginPath: () => (path = []),
    moveTo: (x: number, y: number) => path.push(`M${x},${y}`),
    lineTo: (x: number, y: number) => path.push(`L${x},${y}`),
    setLineDash: (segments: number[]) => (dash = segments),
    stroke() {
      strokes.push({style: String(this.strokeStyle), dash, path});
    },
    fillRect(x: number, y: number, width: number, height: number) {
      rects.push({style: String(this.fillStyle), alpha: this.globalAlpha, rect: [x, y, width, height]});
    },
    fillText(text: string, x: number, y: number) {
      texts.push({text, x, y, align: this.textAlign, style: String(this.fillStyle), font: this.font});
    },
  };
  return {context: context as unknown as ChartCanvas, strokes, rects, texts};
}

const size = {width: 400, height: 260, pixelRatio: 1};
// The retry chart's plot at 400 px: recharts' margins, a 56 px value axis and the legend's row.
const plot = {x: 64, y: 40, width: 320, height: 160};
const look = {text: 'rgb(1, 2, 3)', grid: '#dadde1', font: '400 10px sans-serif', fontSize: 10};

describe('axisTicks', () => {
  const config: ChartConfig = {
    calls: {y: 'delayMs', label: 'wait'},
    lines: [{series: 'tokens', label: 'tokens', color: '#000', axis: 'right'}],
  };

  it('asks for time past the last point, calls on the left and right-hand lines on the right', () => {
    const points: ChartPoint[] = [
      {t: 30, outcome: 'ok', delayMs: 140},
      {t: 1_200, outcome: 'unavailable', delayMs: 20},
      {t: 700, outcome: 'level', series: 'tokens', value: 3},
    ];
    expect(axisTicks(seriesOf(points, config), config)).toEqual({
      x: [0, 500, 1_000, 1_500, 2_000],
      left: [0, 50, 100, 150],
      right: [0, 1, 2, 3],
    });
    expect(axisTicks(seriesOf(points, {calls: config.calls}), {calls: config.calls}).right).toBeUndefined();
  });

  it('tells two sets of ticks apart by their values, not by their arrays', () => {
    const a = {x: [0, 1], left: [0, 5]};
    expect(sameTicks(a, {x: [0, 1], left: [0, 5]})).toBe(true);
    expect(sameTicks(a, {x: [0, 1], left: [0, 5, 10]})).toBe(false);
    expect(sameTicks(a, {...a, right: [0, 1]})).toBe(false);
  });
});

describe('plotScales', () => {
  it("maps each axis's first and last tick to the plot's edges, values upwards", () => {
    const scales = plotScales(plot, {x: [0, 100], left: [0, 10], right: [-1, 1]});
    expect([scales.x(0), scales.x(50), scales.x(100)]).toEqual([64, 224, 384]);
    expect([scales.left(0), scales.left(10)]).toEqual([200, 40]);
    expect(scales.right?.(0)).toBe(120);
  });
});

describe('drawAxes', () => {
  const config: ChartConfig = {calls: {y: 'delayMs', label: 'wait'}, bands: {series: 'state', colors: {open: 'red'}}};
  const ticks = {x: [0, 50, 100], left: [0, 0.125, 0.25]};

  it('dashes the grid along the plot top and bottom and at each time tick', () => {
    const {context, strokes} = recordingContext();
    drawAxes(context, size, plot, ticks, [], config, look);
    expect(strokes[0]).toEqual({
      style: '#dadde1',
      dash: [3, 3],
      path: [
        'M64,40',
        'L384,40',
        'M64,200',
        'L384,200',
        'M64,40',
        'L64,200',
        'M224,40',
        'L224,200',
        'M384,40',
        'L384,200',
      ],
    });
  });

  it('marks each tick outside its axis and labels it as recharts did', () => {
    const {context, strokes, texts} = recordingContext();
    drawAxes(context, size, plot, ticks, [], config, look);
    const marks = strokes[1]!;
    expect(marks.style).toBe(look.text);
    expect(marks.dash).toEqual([]);
    // Time ticks hang 6 px under the plot; value ticks reach 6 px left of it.
    expect(marks.path.slice(0, 2)).toEqual(['M64,200', 'L64,206']);
    expect(marks.path.slice(6, 8)).toEqual(['M58,200', 'L64,200']);
    expect(texts.map(({text, align}) => `${text} ${align}`)).toEqual([
      '0.00s center',
      '0.05s center',
      '0.10s center',
      '0 right',
      '0.13 right',
      '0.25 right',
    ]);
    // Under the mark, its top 0.71em down; beside it, its middle on the tick.
    expect(texts[0]).toMatchObject({x: 64, y: 200 + 8 + 7.1, style: look.text, font: look.font});
    expect(texts[5]).toMatchObject({x: 56, y: 40 + 3.55});
  });

  it('labels a right-hand axis on its right', () => {
    const {context, texts} = recordingContext();
    drawAxes(context, size, plot, {...ticks, right: [0, 0.005]}, [], config, look);
    expect(texts.slice(-2).map(({text, x, align}) => [text, x, align])).toEqual([
      ['0', 392, 'left'],
      ['0.005', 392, 'left'],
    ]);
  });

  it('fills each state band faintly over the plot height, at least 1 ms wide', () => {
    const {context, rects} = recordingContext();
    drawAxes(
      context,
      size,
      plot,
      ticks,
      [
        {state: 'open', from: 25, to: 50},
        {state: 'half-open', from: 50, to: 50},
      ],
      config,
      look,
    );
    expect(rects[0]).toEqual({style: 'red', alpha: 0.18, rect: [144, 40, 80, 160]});
    // A state with no colour of its own is grey; one that lasted no time is 1 ms (3.2 px here) wide.
    expect(rects[1]).toMatchObject({style: '#999', alpha: 0.18});
    expect(rects[1]!.rect[2]).toBeCloseTo(3.2);
  });
});
