import clsx from 'clsx';
import {memo, useCallback, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {
  ComposedChart,
  DefaultLegendContent,
  ResponsiveContainer,
  XAxis,
  YAxis,
  useChartHeight,
  useChartWidth,
  usePlotArea,
  type LegendPayload,
} from 'recharts';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {axisTicks, drawAxes, plotScales, sameTicks, type AxesLook, type AxisTicks, type PlotArea} from './axes';
import {seriesOf, type Band, type ChartConfig, type ChartSeries} from './chart-config';
import {drawMarks, markAt, markerSprites, type Mark, type Scales} from './marks';
import {lineDashes, outcomeColor, outcomeShape} from './outcome-colors';
import styles from './styles.module.css';
interface Props {
  /** What is drawn: the run's points, or a sample of them (see thinPoints). */
  points: ChartPoint[];
  /** How many of the run's points the drawing stands for. */
  of: number;
  config: ChartConfig;
  height: number;
  /** Kept laid out but not shown: the chart is ready before a run's first point. */
  hidden: boolean;
}

function PointTooltip({point}: {point: ChartPoint}) {
  return (
    <>
      {point.attempt !== undefined && <div>attempt {point.attempt}</div>}
      <div>
        <strong style={{color: outcomeColor(point.outcome)}}>{point.series ?? point.outcome}</strong> at{' '}
        {(point.t / 1000).toFixed(2)} s
      </div>
      {point.value !== undefined && <div>value {Math.round(point.value * 100) / 100}</div>}
      {point.delayMs !== undefined && <div>waited {Math.round(point.delayMs)} ms before it</div>}
      {point.latencyMs !== undefined && <div>call took {Math.round(point.latencyMs)} ms</div>}
    </>
  );
}

/** What recharts has laid out: the chart's size and, between the axes, the plot. */
interface Layout {
  width: number;
  height: number;
  plot: PlotArea;
}

/** Inside the chart, where recharts' hooks work: hands its layout out whenever it changes. */
function LayoutProbe({onLayout}: {onLayout(layout: Layout): void}) {
  const width = useChartWidth();
  const height = useChartHeight();
  const plot = usePlotArea();
  useLayoutEffect(() => {
    if (width && height && plot) onLayout({width, height, plot});
  }, [onLayout, width, height, plot]);
  return null;
}

interface FrameProps {
  config: ChartConfig;
  height: number;
  /** Where the plot starts: under the legend (see Legend). */
  top: number;
  onLayout(layout: Layout): void;
}

const margin = (top: number, rightAxis: boolean) => ({top, right: rightAxis ? 4 : 16, bottom: 24, left: 8});

/**
 * Recharts' part: the chart's size, the plot's place, the axis lines and
 * their titles. Nothing in it depends on the points, so a run renders it
 * once at most (when the legend changes height): the ticks, the grid and
 * the bands, which do, are drawn on a canvas beneath it (drawAxes), the
 * points on one above it (drawMarks). A recharts render is tens of
 * milliseconds, which stood between a run's first point and the screen.
 */
const Frame = memo(function Frame({config, height, top, onLayout}: FrameProps) {
  const rightAxis = config.lines?.some((line) => line.axis === 'right') ?? false;
  const calls = config.calls;
  return (
    <ResponsiveContainer width="100%" height={height}>
      {/* The figure's caption and data table speak for the drawing (see ChartData). */}
      <ComposedChart accessibilityLayer={false} margin={margin(top, rightAxis)}>
        {/* The scales recharts makes from these domains go unused: the canvases place everything. */}
        <XAxis
          type="number"
          domain={[0, 1]}
          tick={false}
          tickLine={false}
          label={{value: 'time since Run', position: 'insideBottom', offset: -14}}
          stroke="currentColor"
        />
        <YAxis
          yAxisId="left"
          type="number"
          domain={[0, 1]}
          tick={false}
          tickLine={false}
          width={56}
          label={
            calls && {
              value: calls.label,
              angle: -90,
              position: 'insideLeft',
              offset: 4,
              style: {textAnchor: 'middle'},
            }
          }
          stroke="currentColor"
        />
        {rightAxis && (
          <YAxis
            yAxisId="right"
            orientation="right"
            type="number"
            domain={[0, 1]}
            tick={false}
            tickLine={false}
            width={config.rightLabel ? 56 : 44}
            stroke="currentColor"
            label={
              config.rightLabel && {
                value: config.rightLabel,
                angle: 90,
                position: 'insideRight',
                offset: 4,
                style: {textAnchor: 'middle'},
              }
            }
          />
        )}
        <LayoutProbe onLayout={onLayout} />
      </ComposedChart>
    </ResponsiveContainer>
  );
});

/** The legend's distance from the chart's top, recharts' margin. */
const legendTop = 12;
// Holds the legend's one row while a run has reported no outcome yet (the chart is hidden then).
const placeholder: LegendPayload[] = [{value: '\u00a0', type: 'circle', color: 'transparent'}];
const legendText = (name: string) => <span className={styles.legendText}>{name}</span>;

interface LegendProps {
  outcomes: string[];
  config: ChartConfig;
  onHeight(height: number): void;
}

/**
 * Recharts' own legend markup (DefaultLegendContent), placed where recharts
 * put it, but rendered with the points rather than inside recharts: a new
 * outcome is a few elements, not a recharts render. Sorted by name, as
 * recharts' Legend sorts; names in the text colour, as recharts colours them
 * like their series, which fails contrast. It renders when the outcomes'
 * names change, not with each of a flood's updates, whose points bring a new
 * array of the same names.
 */
const Legend = memo(
  function Legend({outcomes, config, onHeight}: LegendProps) {
    const element = useRef<HTMLDivElement>(null);
    const payload: LegendPayload[] = [
      ...(config.lines ?? []).map((line, index) => ({
        value: line.label,
        type: index % lineDashes.length ? ('plainline' as const) : ('line' as const),
        color: line.color,
        payload: {strokeDasharray: lineDashes[index % lineDashes.length]},
      })),
      ...(config.calls
        ? outcomes.map((outcome) => ({value: outcome, type: outcomeShape(outcome), color: outcomeColor(outcome)}))
        : []),
    ].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    // On a phone the legend wraps, and the plot moves down to make room.
    useLayoutEffect(() => {
      const box = element.current!;
      const measure = () => onHeight(box.getBoundingClientRect().height);
      measure();
      const observer = new ResizeObserver(measure);
      observer.observe(box);
      return () => observer.disconnect();
    }, [onHeight]);
    const rightAxis = config.lines?.some((line) => line.axis === 'right');
    return (
      <div
        ref={element}
        className={clsx('recharts-legend-wrapper', styles.legend)}
        style={{position: 'absolute', left: 8, right: rightAxis ? 4 : 16, top: legendTop}}
      >
        {payload.length > 0 ? (
          <DefaultLegendContent payload={payload} formatter={legendText} align="center" layout="horizontal" />
        ) : (
          <div style={{visibility: 'hidden'}}>
            <DefaultLegendContent payload={placeholder} align="center" layout="horizontal" />
          </div>
        )}
      </div>
    );
  },
  (before, after) =>
    before.config === after.config &&
    before.onHeight === after.onHeight &&
    before.outcomes.length === after.outcomes.length &&
    before.outcomes.every((outcome, index) => outcome === after.outcomes[index]),
);

/** The page's colours and font, from CSS: read once, and again when the theme changes. */
function readLook(element: HTMLElement): AxesLook {
  const style = getComputedStyle(element);
  const fontSize = Number.parseFloat(style.fontSize);
  return {
    text: style.color,
    grid: style.getPropertyValue('--ifm-color-emphasis-300').trim() || style.color,
    font: `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`,
    fontSize,
  };
}

// Shared by a page's charts: markers look the same in each. ImageBitmaps: with a canvas as the source,
// Chromium copied it at every drawImage (1 000 markers: 26 ms, against 2.5 ms from a bitmap).
const sprites = markerSprites((side, draw) => {
  const canvas =
    typeof OffscreenCanvas === 'undefined'
      ? Object.assign(document.createElement('canvas'), {width: side, height: side})
      : new OffscreenCanvas(side, side);
  const context = canvas.getContext('2d');
  if (context) draw(context);
  return canvas instanceof HTMLCanvasElement ? canvas : canvas.transferToImageBitmap();
});

/** What the canvases last drew, so a commit redraws only what changed. */
interface Drawn {
  layout?: Layout;
  look?: AxesLook;
  config?: ChartConfig;
  ticks?: AxisTicks;
  bands?: Band[];
  series?: ChartSeries;
}

const sameBands = (a: Band[] = [], b: Band[]) =>
  a.length === b.length &&
  a.every((band, index) => band.state === b[index]!.state && band.from === b[index]!.from && band.to === b[index]!.to);

/** Sizes a canvas to the chart in device pixels; true if it changed (which empties it). */
function sizeCanvas(element: HTMLCanvasElement, width: number, height: number, pixelRatio: number): boolean {
  const [w, h] = [Math.round(width * pixelRatio), Math.round(height * pixelRatio)];
  if (element.width === w && element.height === h) return false;
  element.width = w;
  element.height = h;
  element.style.width = `${width}px`;
  element.style.height = `${height}px`;
  return true;
}

/**
 * The recharts part of LiveChart, loaded on its own: recharts is ~110 KB gz a
 * page need not load to be read. Recharts lays the chart out and draws its
 * frame (Frame); the ticks, grid and bands are drawn on a canvas beneath it
 * and the points on one above, both in the commit that brings the points,
 * so what is on screen is the whole chart for the points in hand — which
 * data-drawn says.
 */
export default function Chart({points, of, config, height, hidden}: Props) {
  const series = useMemo(() => seriesOf(points, config), [points, config]);
  const ticks = useMemo(() => axisTicks(series, config), [series, config]);
  const outcomes = series.callsByOutcome.map(([outcome]) => outcome);
  const [legendHeight, setLegendHeight] = useState(0);

  const axesCanvas = useRef<HTMLCanvasElement>(null);
  const marksCanvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // What the marks canvas shows, for the pointer to find a call on.
  const shown = useRef<{series: ChartSeries; config: ChartConfig; scales: Scales}>(undefined);
  const layout = useRef<Layout>(undefined);
  const look = useRef<AxesLook>(undefined);
  const want = useRef({series, config, ticks, count: of});
  const drawn = useRef<Drawn>({});
  const [hovered, setHovered] = useState<Mark>();

  // Sets data-drawn (how many of the run's points are on screen) and data-markers (how many call
  // markers stand for them) once they are: what tests and the benchmark wait for.
  const draw = useCallback(() => {
    const [axesElement, marksElement, laidOut] = [axesCanvas.current, marksCanvas.current, layout.current];
    const [axesContext, marksContext] = [axesElement?.getContext('2d'), marksElement?.getContext('2d')];
    if (!axesElement || !marksElement || !axesContext || !marksContext || !laidOut || !box.current) return;
    look.current ??= readLook(box.current);
    const {series, config, ticks, count} = want.current;
    const last = drawn.current;
    const pixelRatio = window.devicePixelRatio || 1;
    const size = {width: laidOut.width, height: laidOut.height, pixelRatio};
    const resized = [axesElement, marksElement].map((element) =>
      sizeCanvas(element, size.width, size.height, pixelRatio),
    );
    const axesChanged =
      resized[0] ||
      last.layout !== laidOut ||
      last.look !== look.current ||
      last.config !== config ||
      !last.ticks ||
      !sameTicks(last.ticks, ticks) ||
      !sameBands(last.bands, series.bands);
    if (axesChanged) drawAxes(axesContext, size, laidOut.plot, ticks, series.bands, config, look.current);
    if (axesChanged || resized[1] || last.series !== series) {
      const scales = plotScales(laidOut.plot, ticks);
      const markers = drawMarks(marksContext, size, series, config, scales, sprites);
      shown.current = {series, config, scales};
      box.current.setAttribute('data-markers', String(markers));
      setHovered(undefined);
    }
    drawn.current = {layout: laidOut, look: look.current, config, ticks, bands: series.bands, series};
    box.current.setAttribute('data-drawn', String(count));
  }, []);
  // Recharts may lay out again on its own (a resize, the legend's height): draw then too, once this
  // commit's layout effects — the points' own included — have run.
  const onLayout = useCallback(
    (next: Layout) => {
      layout.current = next;
      queueMicrotask(draw);
    },
    [draw],
  );
  // The grid and tick colours come from the theme's CSS, which a canvas cannot follow by itself.
  useLayoutEffect(() => {
    const observer = new MutationObserver(() => {
      look.current = undefined;
      draw();
    });
    observer.observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
    return () => observer.disconnect();
  }, [draw]);
  // Every commit: a page render that brings no new points (the run's status, say) redraws nothing.
  useLayoutEffect(() => {
    want.current = {series, config, ticks, count: of};
    draw();
  });

  return (
    <div
      ref={box}
      data-testid="chart-drawn"
      className={styles.plot}
      style={{height, visibility: hidden ? 'hidden' : undefined}}
      onPointerMove={(event) => {
        const bounds = event.currentTarget.getBoundingClientRect();
        const on = shown.current;
        setHovered(
          on && markAt(on.series, on.config, on.scales, event.clientX - bounds.left, event.clientY - bounds.top),
        );
      }}
      onPointerLeave={() => setHovered(undefined)}
    >
      <canvas ref={axesCanvas} className={styles.layer} />
      <Legend outcomes={outcomes} config={config} onHeight={setLegendHeight} />
      <Frame config={config} height={height} top={legendTop + legendHeight} onLayout={onLayout} />
      <canvas ref={marksCanvas} className={styles.layer} />
      {hovered && (
        // Beside the marker, on the side with more room.
        <div
          className={clsx(styles.tooltip, styles.floating)}
          style={{
            left: hovered.x + 12,
            top: hovered.y + 12,
            transform: hovered.x > (box.current?.clientWidth ?? 0) / 2 ? 'translateX(calc(-100% - 24px))' : undefined,
          }}
        >
          <PointTooltip point={hovered.point} />
        </div>
      )}
    </div>
  );
}
