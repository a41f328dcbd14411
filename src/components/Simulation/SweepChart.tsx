import {memo, useLayoutEffect, useMemo, useState} from 'react';
import {
  CartesianGrid,
  DefaultTooltipContent,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  XAxis,
  YAxis,
  usePlotArea,
} from 'recharts';
// The one module, not the library's index: that would bring Connect and protobuf to the page.
import {strategyNames} from '@beamline/resilience/backoff';
import {strategyColors, strategyLabels} from './strategy-colors';
import {clientsDomain, curvePath, nearestRow, scaleOf, valueAxis, type ValueAxis} from './sweep-axes';
import type {Row} from './rows';
import styles from './styles.module.css';

// Every prop below keeps its identity across renders: recharts 3 copies its
// children's settings into a store and re-syncs (and re-renders the chart
// again) whenever a prop is a new object or function.
const margin = {top: 8, right: 16, bottom: 24, left: 8};
const xLabel = {value: 'clients', position: 'insideBottom', offset: -14} as const;
const yLabelStyle = {textAnchor: 'middle'} as const;
const thousands = (value: number) => (value >= 10_000 ? `${Math.round(value / 1000)}k` : `${Math.round(value)}`);
const tooltipValue = (value: unknown) => Math.round(Number(value)).toLocaleString();
const tooltipLabel = (clients: unknown) => `${clients} clients`;
const noData: Row[] = [];
// No data: these only give the legend its entries (name, colour, line icon); Curves draws the lines.
const legendEntries = strategyNames.map((strategy) => (
  <Line
    key={strategy}
    data={noData}
    dataKey={strategy}
    name={strategyLabels[strategy]}
    stroke={strategyColors[strategy]}
    strokeWidth={2}
    dot={false}
    isAnimationActive={false}
  />
));

/**
 * What no sweep changes, made once: when the log chart's axis moves, React
 * finds these elements unchanged and leaves them (and recharts' copies of
 * their settings) alone.
 */
const fixedParts = (
  <>
    <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />
    {/* With no data to fit, an axis takes its domain as given only with allowDataOverflow. */}
    <XAxis
      dataKey="clients"
      type="number"
      domain={clientsDomain}
      allowDataOverflow
      stroke="currentColor"
      label={xLabel}
    />
    {/* Room for the legend's two rows, so the second does not sit on the top tick. */}
    <Legend verticalAlign="top" height={60} />
    {legendEntries}
  </>
);

interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the plot is and how values map onto it: what the curves and the tooltip are drawn with. */
interface View {
  plot: PlotArea;
  x: (clients: number) => number;
  y: (value: number) => number;
}

/** Inside the chart, where recharts' hooks work: hands out where the plot is, which changes only with the chart's size. */
function PlotProbe({onPlotArea}: {onPlotArea(plot: PlotArea): void}) {
  const plot = usePlotArea();
  useLayoutEffect(() => {
    if (plot && plot.width > 0 && plot.height > 0) onPlotArea(plot);
  }, [plot, onPlotArea]);
  return null;
}

/**
 * Recharts' part: grid, axes, legend — no data. Memoised on the value axis,
 * so it renders again only when a sweep moves the axis: a recharts render
 * (its store, selectors, each line's animation wrapper) was most of a slider
 * move's 60–130 ms. Both axes move only when the values cross one of their
 * ticks' steps, which few slider steps do.
 */
const Axes = memo(function Axes({
  axis,
  label,
  height,
  onPlotArea,
}: {
  axis: ValueAxis;
  label: string;
  height: number;
  onPlotArea(plot: PlotArea): void;
}) {
  const yLabel = useMemo(
    () => ({value: label, angle: -90, position: 'insideLeft', offset: 2, style: yLabelStyle}) as const,
    [label],
  );
  return (
    <ResponsiveContainer width="100%" height={height}>
      {/* No data to step through here: the keys work on SweepChart's box instead. */}
      <LineChart accessibilityLayer={false} margin={margin}>
        {fixedParts}
        <YAxis
          scale={axis.log ? 'log' : 'auto'}
          domain={axis.domain}
          ticks={axis.ticks}
          allowDataOverflow
          width={64}
          stroke="currentColor"
          tickFormatter={thousands}
          label={yLabel}
        />
        <PlotProbe onPlotArea={onPlotArea} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * The five curves as plain paths: a slider move changes their `d` and
 * nothing else. Recharts' class names, which the page's tests, its
 * accessibility check and the benchmark look for.
 */
const Curves = memo(function Curves({rows, view}: {rows: Row[]; view: View}) {
  return strategyNames.map((strategy) => (
    <g key={strategy} className="recharts-line">
      <path
        className="recharts-curve recharts-line-curve"
        d={curvePath(rows, strategy, view.x, view.y)}
        fill="none"
        stroke={strategyColors[strategy]}
        strokeWidth={2}
      />
    </g>
  ));
});

/** The client count a tooltip shows, and the height it sits at (the pointer's, or the plot's top from the keyboard). */
interface Active {
  clients: number;
  y: number;
}

/**
 * A sweep chart: recharts' axes, grid and legend, the curves drawn over them
 * on the same scales, and a tooltip as recharts' — under the pointer, or
 * stepped through with the arrow keys once the chart has focus. Loaded in
 * its own chunk when the charts near the viewport. Memoised: the panel
 * re-renders for its sliders and status line, the chart only for new rows.
 */
export default memo(function SweepChart({
  rows,
  label,
  log = false,
  height,
}: {
  rows: Row[];
  label: string;
  log?: boolean;
  height: number;
}) {
  // By value: a sweep whose axis comes out as the last one's leaves recharts alone.
  const axisKey = useMemo(() => JSON.stringify(valueAxis(rows, log)), [rows, log]);
  const axis = useMemo(() => JSON.parse(axisKey) as ValueAxis, [axisKey]);
  const [plot, setPlot] = useState<PlotArea>();
  const view = useMemo<View | undefined>(
    () =>
      plot && {
        plot,
        x: scaleOf(clientsDomain, [plot.x, plot.x + plot.width]),
        y: scaleOf(axis.domain, [plot.y + plot.height, plot.y], axis.log),
      },
    [plot, axis],
  );
  const [active, setActive] = useState<Active>();
  const activeRow = active && rows.find((row) => row.clients === active.clients);
  const step = (by: number) => {
    const at = rows.findIndex((row) => row.clients === active?.clients);
    const next = rows[at < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, at + by))];
    if (next && view) setActive({clients: next.clients, y: view.plot.y});
  };

  return (
    <div
      className={styles.chart}
      style={{height}}
      role="application"
      aria-label={`${label} by clients; arrow keys step through the values`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: as recharts' own chart, an "application" the arrow keys step through
      tabIndex={0}
      onPointerMove={(event) => {
        if (!view) return;
        const {plot} = view;
        const bounds = event.currentTarget.getBoundingClientRect();
        const [x, y] = [event.clientX - bounds.left, event.clientY - bounds.top];
        const inside = x >= plot.x && x <= plot.x + plot.width && y >= plot.y && y <= plot.y + plot.height;
        const index = inside ? nearestRow(rows, x, view.x) : undefined;
        setActive(index === undefined ? undefined : {clients: rows[index]!.clients, y});
      }}
      onPointerLeave={() => setActive(undefined)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') step(1);
        if (event.key === 'ArrowLeft') step(-1);
      }}
      onBlur={() => setActive(undefined)}
    >
      <Axes axis={axis} label={label} height={height} onPlotArea={setPlot} />
      {view && (
        <svg className={styles.curves} width="100%" height={height} aria-hidden="true">
          {/* The pointer's column, as recharts' tooltip cursor. */}
          {activeRow && (
            <line
              x1={view.x(activeRow.clients)}
              x2={view.x(activeRow.clients)}
              y1={view.plot.y}
              y2={view.plot.y + view.plot.height}
              stroke="#ccc"
            />
          )}
          <Curves rows={rows} view={view} />
          {activeRow &&
            strategyNames.map((strategy) => {
              const value = activeRow[strategy];
              return (
                value !== undefined && (
                  <circle
                    key={strategy}
                    cx={view.x(activeRow.clients)}
                    cy={view.y(value)}
                    r={4}
                    fill={strategyColors[strategy]}
                    stroke="#fff"
                    strokeWidth={2}
                  />
                )
              );
            })}
        </svg>
      )}
      {activeRow && active && view && (
        <div
          className={styles.tooltip}
          data-testid="simulation-tooltip"
          // Beside the point, 10 px off as recharts' is, flipped to the side with more room.
          style={{
            transform: `translate(${flip(view.x(activeRow.clients), view.plot.x + view.plot.width / 2)}, ${flip(
              active.y,
              height / 2,
            )})`,
          }}
        >
          <DefaultTooltipContent
            accessibilityLayer
            label={activeRow.clients}
            labelFormatter={tooltipLabel}
            formatter={tooltipValue}
            payload={strategyNames.map((strategy) => ({
              name: strategyLabels[strategy],
              graphicalItemId: strategy,
              value: activeRow[strategy],
              color: strategyColors[strategy],
            }))}
          />
        </div>
      )}
    </div>
  );
});

const flip = (at: number, middle: number) => (at > middle ? `calc(${at - 10}px - 100%)` : `${at + 10}px`);
