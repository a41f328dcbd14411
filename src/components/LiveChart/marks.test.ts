import {describe, expect, it} from 'vitest';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {seriesOf, type ChartConfig} from './chart-config';
import {drawMarks, markAt, markerSprites, type ChartCanvas} from './marks';
import {outcomeColor} from './outcome-colors';

/** A canvas context that records each fill and stroke with the path drawn since the last beginPath, and each image drawn. */
function recordingContext() {
  const paints: Array<{kind: 'fill' | 'stroke'; style: string; dash: number[]; path: string[]; transform: number[]}> =
    [];
  const images: Array<{image: unknown; x: number; y: number; transform: number[]}> = [];
  let path: string[] = [];
  let dash: number[] = [];
  let transform: number[] = [1, 0, 0, 1, 0, 0];
  const context = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform: (...matrix: number[]) => (transform = matrix),
    clearRect: () => {},
    beginPath: () => (path = []),
    moveTo: (x: number, y: number) => path.push(`M${x},${y}`),
    lineTo: (x: number, y: number) => path.push(`L${x},${y}`),
    closePath: () => path.push('Z'),
    arc: (x: number, y: number) => path.push(`A${x},${y}`),
    rect: (x: number, y: number) => path.push(`R${x},${y}`),
    setLineDash: (segments: number[]) => (dash = segments),
    fill() {
      paints.push({kind: 'fill', style: String(this.fillStyle), dash, path, transform});
    },
    stroke() {
      paints.push({kind: 'stroke', style: String(this.strokeStyle), dash, path, transform});
    },
    drawImage: (image: unknown, x: number, y: number) => images.push({image, x, y, transform}),
  };
  return {context: context as unknown as ChartCanvas, paints, images};
}

/** markerSprites over recording canvases: each sprite is its side and what was drawn on it. */
function recordingSprites() {
  const made: Array<{side: number; paints: ReturnType<typeof recordingContext>['paints']}> = [];
  const sprites = markerSprites((side, draw) => {
    const {context, paints} = recordingContext();
    draw(context);
    made.push({side, paints});
    return {side} as unknown as CanvasImageSource;
  });
  return {sprites, made};
}

const identity = (value: number) => value;
const size = {width: 300, height: 200, pixelRatio: 2};

describe('markerSprites', () => {
  it("draws each outcome's marker once per pixel ratio, in its colour and shape, centred on the image", () => {
    const {sprites, made} = recordingSprites();
    const ok = sprites('ok', 2);
    expect(sprites('ok', 2)).toBe(ok);
    sprites('unavailable', 2);
    sprites('ok', 1);
    expect(made.map((sprite) => sprite.side)).toEqual([2 * ok.half, 2 * ok.half, 2 * sprites('ok', 1).half]);
    const [circle, cross] = made.map((sprite) => sprite.paints[0]!);
    expect([circle!.style, cross!.style]).toEqual([outcomeColor('ok'), outcomeColor('unavailable')]);
    // d3 draws around 0,0; the transform puts that at the image's centre, in device pixels.
    expect(circle!.transform).toEqual([2, 0, 0, 2, ok.half, ok.half]);
    // A circle (ok) is an arc; a cross (unavailable) a twelve-sided polygon.
    expect(circle!.path.filter((step) => step.startsWith('A'))).toEqual(['A0,0']);
    expect(cross!.path.some((step) => step.startsWith('A'))).toBe(false);
    expect(cross!.path.filter((step) => step.startsWith('L'))).toHaveLength(11);
  });

  it('holds the whole of the farthest-reaching shape', () => {
    const {sprites, made} = recordingSprites();
    // The star (an unknown outcome's shape) reaches 7.6 px from its centre: 15.1 device px at ratio 2.
    const {half} = sprites('something else', 2);
    const reach = Math.max(
      ...made[0]!.paints[0]!.path.map((step) => Math.hypot(...step.slice(1).split(',').map(Number))),
    );
    expect(reach * 2).toBeGreaterThan(15);
    expect(reach * 2).toBeLessThan(half);
  });

  it('places a square with its corner 4 px up and left of the centre', () => {
    const {sprites, made} = recordingSprites();
    sprites('internal', 1);
    // A 64 px² square is 8 px wide.
    expect(made[0]!.paints[0]!.path).toEqual(['R-4,-4']);
  });
});

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
    {t: 20, outcome: 'unavailable', delayMs: 50.3},
    {t: 30.2, outcome: 'ok', delayMs: 7},
    {t: 40, outcome: 'ok'},
    {t: 15, outcome: 'ok', series: 'tokens', value: 3},
    {t: 25, outcome: 'ok', series: 'tokens', value: 2},
    {t: 15, outcome: 'ok', series: 'limit', value: 9},
  ];

  it("stamps each call's outcome sprite centred on its point, on a device pixel, and returns where each is", () => {
    const {context, images} = recordingContext();
    const {sprites} = recordingSprites();
    const drawn = drawMarks(context, size, seriesOf(points, config), config, {x: identity, left: identity}, sprites);
    const [ok, unavailable] = [sprites('ok', 2), sprites('unavailable', 2)];
    expect(images).toEqual([
      {image: ok.image, x: 20 - ok.half, y: 10 - ok.half, transform: [1, 0, 0, 1, 0, 0]},
      {image: ok.image, x: 60 - ok.half, y: 14 - ok.half, transform: [1, 0, 0, 1, 0, 0]},
      {image: unavailable.image, x: 40 - unavailable.half, y: 101 - unavailable.half, transform: [1, 0, 0, 1, 0, 0]},
    ]);
    // The call without a delay has no place on this axis.
    expect(drawn).toBe(3);
  });

  it('strokes each line through its values on its own axis, dashed as the legend says', () => {
    const {context, paints} = recordingContext();
    const right = (value: number) => value * 10;
    drawMarks(context, size, seriesOf(points, config), config, {x: identity, left: identity, right}, () => ({
      image: {} as CanvasImageSource,
      half: 0,
    }));
    const strokes = paints.filter((paint) => paint.kind === 'stroke');
    expect(strokes.map((stroke) => [stroke.style, stroke.dash, stroke.path])).toEqual([
      ['#123456', [], ['M15,30', 'L25,20']],
      ['#654321', [6, 3], ['M15,9']],
    ]);
  });

  it('leaves out a value that is not a number', () => {
    const {context, images} = recordingContext();
    const {sprites} = recordingSprites();
    const odd: ChartPoint[] = [...points, {t: 50, outcome: 'ok', delayMs: Number.NaN}];
    expect(drawMarks(context, size, seriesOf(odd, config), config, {x: identity, left: identity}, sprites)).toBe(3);
    expect(images).toHaveLength(3);
  });
});

describe('markAt', () => {
  const config: ChartConfig = {calls: {y: 'delayMs', label: 'wait'}};
  const points: ChartPoint[] = [
    {t: 10, outcome: 'ok', delayMs: 10},
    {t: 14, outcome: 'unavailable', delayMs: 10},
    {t: 12, outcome: 'ok'},
  ];
  const scales = {x: identity, left: identity};

  it('finds the call drawn nearest to the pointer, within the radius', () => {
    const series = seriesOf(points, config);
    expect(markAt(series, config, scales, 13, 11)).toEqual({x: 14, y: 10, point: points[1]});
    expect(markAt(series, config, scales, 40, 40)).toBeUndefined();
    // A call with no place on the axis is not drawn, so not found.
    expect(markAt(series, config, scales, 12, 0)).toBeUndefined();
  });
});
