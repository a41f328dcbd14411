import React, {useMemo} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import {CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis} from 'recharts';
import type {ChartPoint} from '@site/src/playground/protocol';
import {outcomeColor} from './outcome-colors';
import styles from './styles.module.css';

interface Props {
  points: ChartPoint[];
  height?: number;
  /** What the y axis shows; the x axis is always time since the run started. */
  yKey?: 'delayMs' | 'latencyMs' | 'value';
  yLabel?: string;
}

function groupByOutcome(points: ChartPoint[]): Array<[string, ChartPoint[]]> {
  const groups = new Map<string, ChartPoint[]>();
  for (const point of points) {
    const group = groups.get(point.outcome) ?? [];
    group.push(point);
    groups.set(point.outcome, group);
  }
  return [...groups.entries()];
}

function PointTooltip({active, payload}: {active?: boolean; payload?: Array<{payload: ChartPoint}>}) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point) return null;
  return (
    <div className={styles.tooltip}>
      {point.attempt !== undefined && <div>attempt {point.attempt}</div>}
      <div>
        <strong style={{color: outcomeColor(point.outcome)}}>{point.outcome}</strong> at {(point.t / 1000).toFixed(2)} s
      </div>
      {point.delayMs !== undefined && <div>waited {Math.round(point.delayMs)} ms before it</div>}
      {point.latencyMs !== undefined && <div>call took {Math.round(point.latencyMs)} ms</div>}
    </div>
  );
}

function Chart({points, height, yKey, yLabel}: Required<Props>) {
  const series = useMemo(() => groupByOutcome(points), [points]);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ScatterChart margin={{top: 12, right: 16, bottom: 24, left: 8}}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />
        <XAxis
          type="number"
          dataKey="t"
          name="time"
          domain={[0, 'auto']}
          tickFormatter={(ms: number) => `${(ms / 1000).toFixed(1)}s`}
          label={{value: 'time since Run', position: 'insideBottom', offset: -14}}
          stroke="currentColor"
        />
        <YAxis
          type="number"
          dataKey={yKey}
          name={yLabel}
          width={56}
          tickFormatter={(ms: number) => `${Math.round(ms)}`}
          label={{value: `${yLabel} (ms)`, angle: -90, position: 'insideLeft', offset: 4, style: {textAnchor: 'middle'}}}
          stroke="currentColor"
        />
        <Tooltip content={<PointTooltip />} isAnimationActive={false} />
        <Legend verticalAlign="top" height={28} />
        {series.map(([outcome, data]) => (
          <Scatter key={outcome} name={outcome} data={data} fill={outcomeColor(outcome)} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}

/** A scatter of a run's events that grows as they arrive: one colour per outcome. */
export default function LiveChart({points, height = 260, yKey = 'delayMs', yLabel = 'wait before attempt'}: Props) {
  return (
    <div className={styles.chart} data-testid="playground-chart" data-points={points.length} style={{height}}>
      {points.length === 0 ? (
        <div className={styles.empty}>Press Run: each attempt appears here as it happens.</div>
      ) : (
        <BrowserOnly>{() => <Chart points={points} height={height} yKey={yKey} yLabel={yLabel} />}</BrowserOnly>
      )}
    </div>
  );
}
