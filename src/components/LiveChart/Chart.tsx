import clsx from 'clsx';
import {memo, useCallback, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
  useChartHeight,
  useChartWidth,
  useXAxisDomain,
  useXAxisScale,
  useYAxisDomain,
  useYAxisScale,
} from 'recharts';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {
  seriesOf,
  timeAxisEnd,
  timeTicks,
  valueTicks,
  type Band,
  type ChartConfig,
  type ChartSeries,
} from './chart-config';
import {drawMarks, markAt, type Mark, type Scale} from './marks';
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

/** What recharts has laid out: the chart's size, its scales and the domains they map. */
interface Layout {
  width: number;
  height: number;
  x: Scale;
  left: Scale;
  right?: Scale;
  domains: unknown[];
}

/** Inside the chart, where recharts' hooks work: hands its layout out whenever it changes. */
function LayoutProbe({onLayout}: {onLayout(layout: Layout): void}) {
  const width = useChartWidth();
  const height = useChartHeight();
  const x = useXAxisScale();
  const left = useYAxisScale('left');
  const right = useYAxisScale('right');
  const xDomain = useXAxisDomain();
  const leftDomain = useYAxisDomain('left');
  const rightDomain = useYAxisDomain('right');
  useLayoutEffect(() => {
    if (!width || !height || !x || !left) return;
    onLayout({
      width,
      height,
      x: x as Scale,
      left: left as Scale,
      ...(right ? {right: right as Scale} : {}),
      domains: [xDomain, leftDomain, rightDomain],
    });
  }, [onLayout, width, height, x, left, right, xDomain, leftDomain, rightDomain]);
  return null;
}

/** What recharts draws: the ticks of each axis, the legend's outcomes, the state bands. */
interface AxesShape {
  xTicks: number[];
  leftTicks: number[];
  rightTicks: number[];
  outcomes: string[];
  bands: Band[];
}

interface AxesProps {
  axes: AxesShape;
  config: ChartConfig;
  height: number;
  onLayout(layout: Layout): void;
}

const ends = (ticks: number[]): [number, number] => [ticks[0]!, ticks.at(-1)!];

/**
 * Every tick given is drawn as it is. Recharts would otherwise measure each
 * new label — to drop ticks that crowd (`interval`) and to wrap its words (a
 * tick's `width`) — and each measurement forces a layout of the whole page:
 * the bulk of a chart.point flood's long frames. These ticks are few, short
 * and spaced to fit (timeTicks, valueTicks), and a label has one word.
 */
const givenTicks = {interval: 0, tick: {width: 0}} as const;

/**
 * Recharts' part: axes, grid, legend and state bands, with no data (the
 * canvas draws the points). Re-rendered only when `axes` is a new shape (see
 * Chart), not for every point: a recharts render is tens of milliseconds,
 * which a chart.point flood asked for ten times a second.
 */
const Axes = memo(
  function Axes({axes, config, height, onLayout}: AxesProps) {
    const {xTicks, leftTicks, rightTicks, outcomes, bands} = axes;
    const rightAxis = config.lines?.some((line) => line.axis === 'right');
    const calls = config.calls;
    const format = timeTicks(xTicks.at(-1)!).format;
    return (
      <ResponsiveContainer width="100%" height={height}>
        {/* The figure's caption and data table speak for the drawing (see ChartData). */}
        <ComposedChart accessibilityLayer={false} margin={{top: 12, right: rightAxis ? 4 : 16, bottom: 24, left: 8}}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />
          {bands.map((band, index) => (
            <ReferenceArea
              key={index}
              x1={band.from}
              x2={Math.max(band.to, band.from + 1)}
              yAxisId="left"
              fill={config.bands?.colors[band.state] ?? '#999'}
              fillOpacity={0.18}
              strokeOpacity={0}
              ifOverflow="extendDomain"
            />
          ))}
          {/* With no data to fit, each axis shows exactly its ticks' range (allowDataOverflow). */}
          <XAxis
            type="number"
            dataKey="t"
            domain={ends(xTicks)}
            ticks={xTicks}
            {...givenTicks}
            allowDataOverflow
            tickFormatter={format}
            label={{value: 'time since Run', position: 'insideBottom', offset: -14}}
            stroke="currentColor"
          />
          <YAxis
            yAxisId="left"
            type="number"
            domain={ends(leftTicks)}
            ticks={leftTicks}
            {...givenTicks}
            allowDataOverflow
            width={56}
            tickFormatter={(value: number) => `${Math.round(value * 100) / 100}`}
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
              domain={ends(rightTicks)}
              ticks={rightTicks}
              {...givenTicks}
              allowDataOverflow
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
          {/* No fixed height: on a phone the legend wraps, and the plot moves down to make room. */}
          {/* Names in the text colour: recharts colours them like their series, which fails contrast. */}
          <Legend verticalAlign="top" formatter={(name) => <span className={styles.legendText}>{name}</span>} />
          {/* No data: these give the legend its entries. */}
          {config.lines?.map((line, index) => (
            <Scatter
              key={line.series}
              name={line.label}
              data={[]}
              yAxisId={line.axis ?? 'left'}
              fill={line.color}
              line={{stroke: line.color, strokeWidth: 2, strokeDasharray: lineDashes[index % lineDashes.length]}}
              legendType={index % lineDashes.length ? 'plainline' : 'line'}
              isAnimationActive={false}
            />
          ))}
          {calls &&
            outcomes.map((outcome) => (
              <Scatter
                key={outcome}
                name={outcome}
                data={[]}
                yAxisId="left"
                fill={outcomeColor(outcome)}
                legendType={outcomeShape(outcome)}
                isAnimationActive={false}
              />
            ))}
          <LayoutProbe onLayout={onLayout} />
        </ComposedChart>
      </ResponsiveContainer>
    );
  },
  (before, after) =>
    before.axes === after.axes &&
    before.config === after.config &&
    before.height === after.height &&
    before.onLayout === after.onLayout,
);

/**
 * The least time between two changes of the axes. Each is a recharts render
 * (its store, selectors and SVG: tens of milliseconds, several times that on
 * a loaded machine); in between, the canvas keeps drawing the points that
 * fit the axes in force.
 */
const axesGapMs = 500;

interface Drawing {
  series: ChartSeries;
  config: ChartConfig;
  /** The domains the axes must have for the drawing to match them: x, left, right. */
  domains: unknown[];
  count: number;
}

/**
 * The recharts part of LiveChart, loaded on its own: recharts is ~110 KB gz a
 * page need not load to be read. Recharts draws the axes; the points are on a
 * canvas over them (see drawMarks), drawn when the points change or recharts
 * lays out anew, with the axes in force: the points past them wait for new
 * axes, which lag on purpose during a flood (axesGapMs) and reach recharts'
 * scales through its own store, a render later. The drawing counts as up to
 * date (data-drawn) only with scales whose domains are the ones asked for.
 */
export default function Chart({points, of, config, height, hidden}: Props) {
  const series = useMemo(() => seriesOf(points, config), [points, config]);
  const xTicks = timeTicks(timeAxisEnd(series.end)).ticks;
  const ticks = useMemo(() => {
    const calls = config.calls;
    const values = (axis: 'left' | 'right') => [
      ...(axis === 'left' && calls
        ? series.callsByOutcome.flatMap(([, group]) => group.map((point) => point[calls.y]))
        : []),
      ...(config.lines ?? [])
        .filter((line) => (line.axis ?? 'left') === axis)
        .flatMap((line) => (series.lines.get(line.series) ?? []).map((point) => point.value)),
    ];
    return {left: valueTicks(values('left'), calls?.y === 'attempt'), right: valueTicks(values('right'))};
  }, [series, config]);
  const rightAxis = config.lines?.some((line) => line.axis === 'right');
  const wanted: AxesShape = {
    xTicks,
    leftTicks: ticks.left,
    rightTicks: ticks.right,
    outcomes: series.callsByOutcome.map(([outcome]) => outcome),
    bands: series.bands,
  };
  const wantedKey = JSON.stringify(wanted);
  const [axes, setAxes] = useState({key: wantedKey, shape: wanted});
  const axesAt = useRef(Number.NEGATIVE_INFINITY);
  // The axes follow what the points ask for at most once per axesGapMs: at once after a quiet spell
  // (a run's first point waits for nothing), else when the gap is over.
  useLayoutEffect(() => {
    if (axes.key === wantedKey) return;
    const update = () => {
      // Emptied for a new run, the axes hold nothing back: the run's first point gets its axes at once.
      axesAt.current = of > 0 ? performance.now() : Number.NEGATIVE_INFINITY;
      setAxes({key: wantedKey, shape: wanted});
    };
    const wait = axesAt.current + axesGapMs - performance.now();
    if (wait <= 0 || of === 0) {
      update();
      return;
    }
    const timer = setTimeout(update, wait);
    return () => clearTimeout(timer);
  }, [axes.key, wantedKey, of]);

  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const marks = useRef<Mark[]>([]);
  const layout = useRef<Layout>(undefined);
  const drawing = useRef<Drawing>(undefined);
  const done = useRef<[Drawing?, Layout?]>([]);
  const [hovered, setHovered] = useState<Mark>();

  // Sets data-drawn (how many of the run's points the drawing is up to date with) and data-markers
  // (how many call markers it draws for them) once they are on screen: what tests and the benchmark wait for.
  const draw = useCallback(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    const [want, laidOut] = [drawing.current, layout.current];
    if (!element || !context || !want || !laidOut) return;
    if (done.current[0] === want && done.current[1] === laidOut) return;
    done.current = [want, laidOut];
    const {width, height: chartHeight} = laidOut;
    const pixelRatio = window.devicePixelRatio || 1;
    if (element.width !== Math.round(width * pixelRatio) || element.height !== Math.round(chartHeight * pixelRatio)) {
      element.width = Math.round(width * pixelRatio);
      element.height = Math.round(chartHeight * pixelRatio);
      element.style.width = `${width}px`;
      element.style.height = `${chartHeight}px`;
    }
    marks.current = drawMarks(context, {width, height: chartHeight, pixelRatio}, want.series, want.config, laidOut);
    setHovered(undefined);
    // Drawn with axes that lag the points (see axesGapMs), the drawing leaves some out: not up to date yet.
    // A new run's empty chart is up to date at once: the last run's count must not stand for this run's.
    if (want.count > 0 && JSON.stringify(laidOut.domains) !== JSON.stringify(want.domains)) return;
    box.current?.setAttribute('data-drawn', String(want.count));
    box.current?.setAttribute('data-markers', String(marks.current.length));
  }, []);
  // Recharts may lay out again on its own (its store, a resize): draw then too, once this
  // commit's layout effects — the points' own included — have run.
  const onLayout = useCallback(
    (next: Layout) => {
      layout.current = next;
      queueMicrotask(draw);
    },
    [draw],
  );
  const domains = [ends(xTicks), ends(ticks.left), rightAxis ? ends(ticks.right) : undefined];
  useLayoutEffect(() => {
    // A page render that brings no new points (the run's status, say) redraws nothing.
    const last = drawing.current;
    if (last?.series === series && last.config === config && last.count === of) return;
    drawing.current = {series, config, domains, count: of};
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
        setHovered(markAt(marks.current, event.clientX - bounds.left, event.clientY - bounds.top));
      }}
      onPointerLeave={() => setHovered(undefined)}
    >
      <Axes axes={axes.shape} config={config} height={height} onLayout={onLayout} />
      <canvas ref={canvas} className={styles.marks} />
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
