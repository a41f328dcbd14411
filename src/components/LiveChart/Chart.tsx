import {useMemo} from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {seriesOf, timeTicks, type ChartConfig} from './chart-config';
import {lineDashes, outcomeColor, outcomeShape} from './outcome-colors';
import styles from './styles.module.css';

interface Props {
  /** What is drawn: the run's points, or a sample of them (see thinPoints). */
  points: ChartPoint[];
  /** How many of the run's points the drawing stands for. */
  of: number;
  config: ChartConfig;
  height: number;
}

function PointTooltip({active, payload}: {active?: boolean; payload?: Array<{payload: ChartPoint}>}) {
  const point = active ? payload?.[0]?.payload : undefined;
  if (!point) return null;
  return (
    <div className={styles.tooltip}>
      {point.attempt !== undefined && <div>attempt {point.attempt}</div>}
      <div>
        <strong style={{color: outcomeColor(point.outcome)}}>{point.series ?? point.outcome}</strong> at{' '}
        {(point.t / 1000).toFixed(2)} s
      </div>
      {point.value !== undefined && <div>value {Math.round(point.value * 100) / 100}</div>}
      {point.delayMs !== undefined && <div>waited {Math.round(point.delayMs)} ms before it</div>}
      {point.latencyMs !== undefined && <div>call took {Math.round(point.latencyMs)} ms</div>}
    </div>
  );
}

const hidden = () => <g />;

/** The recharts part of LiveChart, loaded on its own: recharts is ~110 KB gz a page need not load to be read. */
export default function Chart({points, of, config, height}: Props) {
  const series = useMemo(() => seriesOf(points, config), [points, config]);
  const rightAxis = config.lines?.some((line) => line.axis === 'right');
  const calls = config.calls;
  const time = timeTicks(series.end);
  return (
    // For tests and the benchmark: data-drawn, how many of the run's points the drawing is up to date
    // with; data-markers, how many it draws for them.
    <div data-testid="chart-drawn" data-drawn={of} data-markers={points.length} style={{height}}>
      <ResponsiveContainer width="100%" height={height}>
        {/* The figure's caption and data table speak for the drawing (see ChartData). */}
        <ComposedChart accessibilityLayer={false} margin={{top: 12, right: rightAxis ? 4 : 16, bottom: 24, left: 8}}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />
          {series.bands.map((band, index) => (
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
          <XAxis
            type="number"
            dataKey="t"
            domain={[0, time.ticks.at(-1)!]}
            ticks={time.ticks}
            tickFormatter={time.format}
            label={{value: 'time since Run', position: 'insideBottom', offset: -14}}
            stroke="currentColor"
          />
          <YAxis
            yAxisId="left"
            type="number"
            dataKey={calls?.y ?? 'value'}
            allowDecimals={calls?.y !== 'attempt'}
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
              dataKey="value"
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
          <Tooltip content={<PointTooltip />} isAnimationActive={false} />
          {/* No fixed height: on a phone the legend wraps, and the plot moves down to make room. */}
          {/* Names in the text colour: recharts colours them like their series, which fails contrast. */}
          <Legend verticalAlign="top" formatter={(name) => <span className={styles.legendText}>{name}</span>} />
          {config.lines?.map((line, index) => (
            <Scatter
              key={line.series}
              name={line.label}
              data={series.lines.get(line.series)}
              dataKey="value"
              yAxisId={line.axis ?? 'left'}
              fill={line.color}
              line={{stroke: line.color, strokeWidth: 2, strokeDasharray: lineDashes[index % lineDashes.length]}}
              legendType={index % lineDashes.length ? 'plainline' : 'line'}
              shape={hidden}
              isAnimationActive={false}
            />
          ))}
          {calls &&
            series.callsByOutcome.map(([outcome, data]) => (
              <Scatter
                key={outcome}
                name={outcome}
                data={data}
                dataKey={calls.y}
                yAxisId="left"
                fill={outcomeColor(outcome)}
                shape={outcomeShape(outcome)}
                legendType={outcomeShape(outcome)}
                isAnimationActive={false}
              />
            ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
