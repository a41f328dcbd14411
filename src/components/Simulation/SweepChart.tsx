import {memo} from 'react';
import {CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis} from 'recharts';
// The one module, not the library's index: that would bring Connect and protobuf to the page.
import {strategyNames} from '@beamline/resilience/backoff';
import {strategyColors, strategyLabels} from './strategy-colors';
import type {Row} from './rows';

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
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{top: 8, right: 16, bottom: 24, left: 8}}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />
        <XAxis
          dataKey="clients"
          type="number"
          domain={[10, 200]}
          stroke="currentColor"
          label={{value: 'clients', position: 'insideBottom', offset: -14}}
        />
        <YAxis
          scale={log ? 'log' : 'auto'}
          domain={log ? ['auto', 'auto'] : [0, 'auto']}
          width={64}
          stroke="currentColor"
          tickFormatter={(value: number) => (value >= 10_000 ? `${Math.round(value / 1000)}k` : `${Math.round(value)}`)}
          label={{value: label, angle: -90, position: 'insideLeft', offset: 2, style: {textAnchor: 'middle'}}}
        />
        <Tooltip
          formatter={(value) => Math.round(Number(value)).toLocaleString()}
          labelFormatter={(clients) => `${clients} clients`}
        />
        <Legend verticalAlign="top" height={44} />
        {strategyNames.map((strategy) => (
          <Line
            key={strategy}
            dataKey={strategy}
            name={strategyLabels[strategy]}
            stroke={strategyColors[strategy]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});
