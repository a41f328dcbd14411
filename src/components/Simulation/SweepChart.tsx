import {memo, useMemo} from 'react';
import {CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis} from 'recharts';
// The one module, not the library's index: that would bring Connect and protobuf to the page.
import {strategyNames} from '@beamline/resilience/backoff';
import {strategyColors, strategyLabels} from './strategy-colors';
import type {Row} from './rows';

// Every prop below that is not the rows keeps its identity across renders:
// recharts 3 copies its children's settings into a store and re-syncs (and
// re-renders the chart again) whenever a prop is a new object or function.
const margin = {top: 8, right: 16, bottom: 24, left: 8};
const xDomain = [10, 200];
const xLabel = {value: 'clients', position: 'insideBottom', offset: -14} as const;
const linearDomain = [0, 'auto'] as const;
const logDomain = ['auto', 'auto'] as const;
const yLabelStyle = {textAnchor: 'middle'} as const;
const thousands = (value: number) => (value >= 10_000 ? `${Math.round(value / 1000)}k` : `${Math.round(value)}`);
const tooltipValue = (value: unknown) => Math.round(Number(value)).toLocaleString();
const tooltipLabel = (clients: unknown) => `${clients} clients`;
const lines = strategyNames.map((strategy) => (
  <Line
    key={strategy}
    dataKey={strategy}
    name={strategyLabels[strategy]}
    stroke={strategyColors[strategy]}
    strokeWidth={2}
    dot={false}
    isAnimationActive={false}
  />
));

/**
 * recharts, in its own chunk: the page loads it when the charts near the
 * viewport. Memoised: a slider move re-renders the panel twice before the
 * new sweep arrives (its value, then "Simulating…"), and recharts is the
 * costly part of a render — the charts redraw only when their rows change.
 */
export default memo(function SweepChart({
  rows,
  label,
  log,
  height,
}: {
  rows: Row[];
  label: string;
  log?: boolean;
  height: number;
}) {
  const yLabel = useMemo(
    () => ({value: label, angle: -90, position: 'insideLeft', offset: 2, style: yLabelStyle}) as const,
    [label],
  );
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={margin}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />
        <XAxis dataKey="clients" type="number" domain={xDomain} stroke="currentColor" label={xLabel} />
        <YAxis
          scale={log ? 'log' : 'auto'}
          domain={log ? logDomain : linearDomain}
          width={64}
          stroke="currentColor"
          tickFormatter={thousands}
          label={yLabel}
        />
        <Tooltip formatter={tooltipValue} labelFormatter={tooltipLabel} />
        {/* Room for the legend's two rows, so the second does not sit on the top tick. */}
        <Legend verticalAlign="top" height={60} />
        {lines}
      </LineChart>
    </ResponsiveContainer>
  );
});
