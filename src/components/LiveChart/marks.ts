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

/** A drawn call marker: where it is, for the tooltip to find under the pointer. */
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
 * Draws a run's lines and call markers on a canvas laid over the axes.
 * Recharts draws each marker as an SVG element at about a millisecond apiece
 * (frames of 150–350 ms during a chart.point flood); on a canvas a marker
 * costs a few microseconds.
 * Lines go first, so markers stay on top, as in recharts.
 */
export function drawMarks(
  context: ChartCanvas,
  size: {width: number; height: number; pixelRatio: number},
  series: ChartSeries,
  config: ChartConfig,
  scales: Scales,
): Mark[] {
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

  const marks: Mark[] = [];
  const calls = config.calls;
  if (!calls) return marks;
  const at = {x: 0, y: 0};
  const placed = placedAt(context, at);
  for (const [outcome, points] of series.callsByOutcome) {
    const shape = symbol(symbols[outcomeShape(outcome)], markerArea).context(placed as CanvasRenderingContext2D);
    context.fillStyle = outcomeColor(outcome);
    for (const point of points) {
      const spot = position(x, left, point.t, point[calls.y]);
      if (!spot) continue;
      [at.x, at.y] = spot;
      // One path per marker: Skia fills one path of thousands of shapes in more than linear time.
      context.beginPath();
      shape();
      context.fill();
      marks.push({x: spot[0], y: spot[1], point});
    }
  }
  return marks;
}

/**
 * The path calls of d3's symbols (drawn around 0,0), moved to `at`. Not
 * setTransform per marker: Chromium re-maps the whole path drawn so far on
 * every transform change, which made a 5 000-marker redraw take 100+ ms.
 */
function placedAt(context: ChartCanvas, at: {x: number; y: number}) {
  return {
    moveTo: (x: number, y: number) => context.moveTo(x + at.x, y + at.y),
    lineTo: (x: number, y: number) => context.lineTo(x + at.x, y + at.y),
    closePath: () => context.closePath(),
    arc: (x: number, y: number, radius: number, start: number, end: number, anticlockwise?: boolean) =>
      context.arc(x + at.x, y + at.y, radius, start, end, anticlockwise),
    rect: (x: number, y: number, width: number, height: number) => context.rect(x + at.x, y + at.y, width, height),
  };
}

function position(x: Scale, y: Scale, t: number, value: number | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const px = x(t);
  const py = y(value);
  return Number.isFinite(px + py) ? [px, py] : undefined;
}

const dashes = (pattern: string) => (pattern ? pattern.split(' ').map(Number) : []);

/** The mark nearest to (x, y) within `radius` px, if any: what the pointer is on. */
export function markAt(marks: readonly Mark[], x: number, y: number, radius = 8): Mark | undefined {
  let best: Mark | undefined;
  let bestDistance = radius * radius;
  for (const mark of marks) {
    const distance = (mark.x - x) ** 2 + (mark.y - y) ** 2;
    if (distance <= bestDistance) {
      best = mark;
      bestDistance = distance;
    }
  }
  return best;
}
