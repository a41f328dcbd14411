import {timeAxisEnd, timeTicks, valueTicks, type Band, type ChartConfig, type ChartSeries} from './chart-config';
import type {ChartCanvas, Scale} from './marks';

/** The ticks of each axis, from the points: the ends of each are the ends of its axis. */
export interface AxisTicks {
  x: number[];
  left: number[];
  /** Only when a line uses the right-hand axis. */
  right?: number[];
}

/** The ticks a run's points ask for: time from 0 past the last point, values from 0 past the largest. */
export function axisTicks(series: ChartSeries, config: ChartConfig): AxisTicks {
  const calls = config.calls;
  // valueTicks needs only the ends: no list of every value (a thousand at each of a flood's updates).
  const ends = (axis: 'left' | 'right') => {
    let [lowest, highest] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    const take = (value: number | undefined) => {
      if (value === undefined || !Number.isFinite(value)) return;
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
    };
    if (axis === 'left' && calls)
      for (const [, group] of series.callsByOutcome) for (const point of group) take(point[calls.y]);
    for (const line of config.lines ?? []) {
      if ((line.axis ?? 'left') === axis) for (const point of series.lines.get(line.series) ?? []) take(point.value);
    }
    return lowest <= highest ? [lowest, highest] : [];
  };
  const rightAxis = config.lines?.some((line) => line.axis === 'right');
  return {
    x: timeTicks(timeAxisEnd(series.end)).ticks,
    left: valueTicks(ends('left'), calls?.y === 'attempt'),
    ...(rightAxis ? {right: valueTicks(ends('right'))} : {}),
  };
}

/** Two charts' ticks are the same: the drawing of the axes can stay. */
export function sameTicks(a: AxisTicks, b: AxisTicks): boolean {
  const same = (x?: number[], y?: number[]) =>
    x === y || (!!x && !!y && x.length === y.length && x.every((value, index) => value === y[index]));
  return same(a.x, b.x) && same(a.left, b.left) && same(a.right, b.right);
}

/** Where recharts lays out the plot, between the axes, in CSS px from the chart's corner. */
export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The value → px maps of the plot: each axis's ticks span it end to end, as recharts' linear scales do. */
export function plotScales(plot: PlotArea, ticks: AxisTicks): {x: Scale; left: Scale; right?: Scale} {
  const linear = (domain: number[], from: number, to: number): Scale => {
    const low = domain[0]!;
    const span = domain.at(-1)! - low || 1;
    return (value) => from + ((value - low) / span) * (to - from);
  };
  const bottom = plot.y + plot.height;
  return {
    x: linear(ticks.x, plot.x, plot.x + plot.width),
    left: linear(ticks.left, bottom, plot.y),
    ...(ticks.right ? {right: linear(ticks.right, bottom, plot.y)} : {}),
  };
}

/** The page's colours and font for what the canvas writes, read from CSS (they follow the theme). */
export interface AxesLook {
  /** Tick marks and labels: the chart's text colour (recharts' `currentColor`). */
  text: string;
  /** The dashed grid: --ifm-color-emphasis-300. */
  grid: string;
  /** A canvas font (size and family) and its size in px. */
  font: string;
  fontSize: number;
}

/** Recharts' tick: a 6 px mark outside the axis, its label 2 px past the mark. */
const tickSize = 6;
const tickMargin = 2;
/** Recharts' state bands (ReferenceArea) are filled at this opacity. */
const bandOpacity = 0.18;

/**
 * Draws what recharts drew for each new set of ticks — a render of tens of
 * milliseconds, which stood between a run's first point and the screen and
 * came back several times in a flood — on a canvas under recharts' axis
 * lines, as recharts drew it: the dashed grid (at each time tick, and along
 * the plot's top and bottom), the state bands, each tick's mark and label
 * (time in the step's decimals, values to two).
 */
export function drawAxes(
  context: ChartCanvas,
  size: {width: number; height: number; pixelRatio: number},
  plot: PlotArea,
  ticks: AxisTicks,
  bands: readonly Band[],
  config: ChartConfig,
  look: AxesLook,
): void {
  const {width, height, pixelRatio} = size;
  context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  context.clearRect(0, 0, width, height);
  const scales = plotScales(plot, ticks);
  const [left, right, top, bottom] = [plot.x, plot.x + plot.width, plot.y, plot.y + plot.height];

  context.beginPath();
  for (const y of [top, bottom]) {
    context.moveTo(left, y);
    context.lineTo(right, y);
  }
  for (const tick of ticks.x) {
    const x = scales.x(tick);
    context.moveTo(x, top);
    context.lineTo(x, bottom);
  }
  context.setLineDash([3, 3]);
  context.strokeStyle = look.grid;
  context.lineWidth = 1;
  context.stroke();
  context.setLineDash([]);

  context.globalAlpha = bandOpacity;
  for (const band of bands) {
    // At least 1 ms long, so a state that lasted no time still shows, as it did in recharts.
    const from = Math.max(left, scales.x(band.from));
    const to = Math.min(right, scales.x(Math.max(band.to, band.from + 1)));
    context.fillStyle = config.bands?.colors[band.state] ?? '#999';
    context.fillRect(from, top, to - from, bottom - top);
  }
  context.globalAlpha = 1;

  context.beginPath();
  const format = timeTicks(ticks.x.at(-1)!).format;
  const labels: Array<[string, number, number, CanvasTextAlign]> = [];
  for (const tick of ticks.x) {
    const x = scales.x(tick);
    context.moveTo(x, bottom);
    context.lineTo(x, bottom + tickSize);
    // SVG's dy 0.71em: the label's top edge just under the mark.
    labels.push([format(tick), x, bottom + tickSize + tickMargin + 0.71 * look.fontSize, 'center']);
  }
  const side = (values: number[], scale: Scale, edge: number, out: -1 | 1, label: (tick: number) => string) => {
    for (const tick of values) {
      const y = scale(tick);
      context.moveTo(edge + out * tickSize, y);
      context.lineTo(edge, y);
      // SVG's dy 0.355em: the label's middle on the tick.
      const x = edge + out * (tickSize + tickMargin);
      labels.push([label(tick), x, y + 0.355 * look.fontSize, out < 0 ? 'right' : 'left']);
    }
  };
  side(ticks.left, scales.left, left, -1, (tick) => `${Math.round(tick * 100) / 100}`);
  if (ticks.right && scales.right) side(ticks.right, scales.right, right, 1, String);
  context.strokeStyle = look.text;
  context.stroke();
  context.fillStyle = look.text;
  context.font = look.font;
  for (const [text, x, y, align] of labels) {
    context.textAlign = align;
    context.fillText(text, x, y);
  }
}
