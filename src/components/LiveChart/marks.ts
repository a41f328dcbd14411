import {
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
  type SymbolType,
} from 'd3-shape';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import type {ChartConfig, ChartSeries} from './chart-config';
import {lineDashes, outcomeColor, outcomeShape, type MarkerShape} from './outcome-colors';

// The d3 symbols recharts draws for each legend shape, so a marker looks like its legend entry.
const symbols: Record<MarkerShape, SymbolType> = {
  circle: symbolCircle,
  cross: symbolCross,
  diamond: symbolDiamond,
  square: symbolSquare,
  star: symbolStar,
  triangle: symbolTriangle,
  wye: symbolWye,
};

/** A marker's area in px², recharts' Scatter default. */
export const markerArea = 64;

/** An axis's map from a value to px in the chart (see plotScales). */
export type Scale = (value: number) => number;

export interface Scales {
  x: Scale;
  left: Scale;
  right?: Scale;
}

/** A drawn call marker: where it is, for the tooltip. */
export interface Mark {
  x: number;
  y: number;
  point: ChartPoint;
}

/** The part of a canvas context the chart draws with (drawMarks, drawAxes), so a test can record it. */
export type ChartCanvas = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'arc'
  | 'rect'
  | 'stroke'
  | 'fill'
  | 'fillRect'
  | 'drawImage'
  | 'fillText'
  | 'setLineDash'
  | 'strokeStyle'
  | 'fillStyle'
  | 'globalAlpha'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
>;

/**
 * A call marker drawn once, for drawMarks to stamp at each point of its
 * outcome: `half` device px from the image's corner to the marker's centre.
 */
export interface Sprite {
  image: CanvasImageSource;
  half: number;
}

/** An image `side` device px square with what `draw` drew on it. */
export type MakeImage = (side: number, draw: (context: ChartCanvas) => void) => CanvasImageSource;

/**
 * Each outcome's marker as a sprite at a pixel ratio, drawn on first use and
 * kept: shapes and colours are fixed, so a chart makes a handful in all.
 */
export function markerSprites(makeImage: MakeImage): (outcome: string, pixelRatio: number) => Sprite {
  const made = new Map<string, Sprite>();
  return (outcome, pixelRatio) => {
    const key = `${outcome}\n${pixelRatio}`;
    let sprite = made.get(key);
    if (!sprite) {
      // d3's farthest-reaching symbol at markerArea, the star, reaches 7.6 px from its centre; and a
      // device pixel more for the antialiased edge.
      const half = Math.ceil(8 * pixelRatio) + 1;
      const image = makeImage(2 * half, (context) => {
        // d3 draws the symbol around 0,0: the image's centre. As recharts' Scatter draws it.
        context.setTransform(pixelRatio, 0, 0, pixelRatio, half, half);
        context.fillStyle = outcomeColor(outcome);
        context.beginPath();
        symbol(symbols[outcomeShape(outcome)], markerArea).context(context as CanvasRenderingContext2D)();
        context.fill();
      });
      sprite = {image, half};
      made.set(key, sprite);
    }
    return sprite;
  };
}

/**
 * Draws a run's lines and call markers on a canvas laid over the axes.
 * Recharts draws each marker as an SVG element at about a millisecond apiece
 * (frames of 150–350 ms during a chart.point flood); on a canvas each is a
 * copy of its outcome's sprite, placed on a device pixel so the copy is
 * exact, which costs less than building and filling the marker's path (d3's
 * symbol, then Skia's antialiasing): 1 000 markers' main-thread time, raster
 * included, went from 2.7 to 2.2 ms in Chromium here, and d3's path calls
 * left a flood's script. Lines go first, so markers stay on top, as in
 * recharts. Returns how many markers it drew.
 */
export function drawMarks(
  context: ChartCanvas,
  size: {width: number; height: number; pixelRatio: number},
  series: ChartSeries,
  config: ChartConfig,
  scales: Scales,
  sprite: (outcome: string, pixelRatio: number) => Sprite,
): number {
  const {width, height, pixelRatio} = size;
  context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  context.clearRect(0, 0, width, height);
  const {x, left} = scales;
  for (const [index, line] of (config.lines ?? []).entries()) {
    const y = line.axis === 'right' && scales.right ? scales.right : left;
    context.beginPath();
    let started = false;
    for (const point of series.lines.get(line.series) ?? []) {
      const at = position(x, y, point.t, point.value);
      if (!at) continue;
      if (started) context.lineTo(at[0], at[1]);
      else context.moveTo(at[0], at[1]);
      started = true;
    }
    context.setLineDash(dashes(lineDashes[index % lineDashes.length]));
    context.strokeStyle = line.color;
    context.lineWidth = 2;
    context.stroke();
  }
  context.setLineDash([]);

  context.setTransform(1, 0, 0, 1, 0, 0);
  let drawn = 0;
  let current: {outcome: string; sprite: Sprite} | undefined;
  placeCalls(series, config, scales, (outcome, _point, px, py) => {
    if (current?.outcome !== outcome) current = {outcome, sprite: sprite(outcome, pixelRatio)};
    const {image, half} = current.sprite;
    context.drawImage(image, Math.round(px * pixelRatio) - half, Math.round(py * pixelRatio) - half);
    drawn++;
  });
  return drawn;
}

/**
 * Where each call is drawn, in CSS px from the chart's corner, by outcome:
 * for drawMarks, and for markAt when the pointer moves. Not kept as a list
 * of marks: that was a thousand objects a redraw, four redraws a second in a
 * flood, for the garbage collector, which took a quarter of the page's script
 * time in a flood's profile.
 */
function placeCalls(
  series: ChartSeries,
  config: ChartConfig,
  scales: Scales,
  visit: (outcome: string, point: ChartPoint, x: number, y: number) => void,
): void {
  const calls = config.calls;
  if (!calls) return;
  for (const [outcome, points] of series.callsByOutcome) {
    for (const point of points) {
      const value = point[calls.y];
      if (value === undefined) continue;
      const x = scales.x(point.t);
      const y = scales.left(value);
      if (Number.isFinite(x + y)) visit(outcome, point, x, y);
    }
  }
}

function position(x: Scale, y: Scale, t: number, value: number | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const px = x(t);
  const py = y(value);
  return Number.isFinite(px + py) ? [px, py] : undefined;
}

const dashes = (pattern: string) => (pattern ? pattern.split(' ').map(Number) : []);

/** The call drawn nearest to (x, y) within `radius` px, if any: what the pointer is on. */
export function markAt(
  series: ChartSeries,
  config: ChartConfig,
  scales: Scales,
  x: number,
  y: number,
  radius = 8,
): Mark | undefined {
  let best: Mark | undefined;
  let bestDistance = radius * radius;
  placeCalls(series, config, scales, (_outcome, point, px, py) => {
    const distance = (px - x) ** 2 + (py - y) ** 2;
    if (distance <= bestDistance) {
      best = {x: px, y: py, point};
      bestDistance = distance;
    }
  });
  return best;
}
