import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {OUTCOMES, type RoomAggregate} from '@site/src/contract/room';
import {outcomeColor} from '@site/src/components/LiveChart/outcome-colors';
import styles from './styles.module.css';

const axis = {fontSize: 16, fill: 'var(--ifm-font-color-base)'};
const grid = <CartesianGrid strokeDasharray="3 3" stroke="var(--ifm-color-emphasis-300)" />;
const tooltipStyle = {background: 'var(--ifm-background-surface-color)', color: 'var(--ifm-font-color-base)'};
/** Few, whole-second ticks: readable from the back of a room and on a phone. */
const minuteTicks = [-50, -40, -30, -20, -10, 0];
const recoveryTicks = [-3, 0, 3, 6, 9, 12];
const firstColor = '#0072B2';
const retryColor = '#D55E00';

/** The projector's three charts; recharts loads with this module only. */
export default function DashboardCharts({aggregate}: {aggregate: RoomAggregate}) {
  const last = aggregate.at;
  const perSecond = aggregate.perSecond.map((bin) => ({
    ...bin.outcomes,
    first: bin.first,
    retries: bin.retries,
    s: Math.round((bin.t - last) / 1000),
  }));
  const recovery = aggregate.recovery;
  // Seconds from the 100 ms bin the recovery fell in, so whole seconds land on bin starts.
  const recoveryBin = recovery ? Math.floor(recovery.at / recovery.binMs) * recovery.binMs : 0;
  const around = recovery?.bins.map((bin) => ({
    first: bin.first,
    retries: bin.retries,
    failed: bin.first + bin.retries - bin.outcomes.ok,
    s: Math.round((bin.t - recoveryBin) / 100) / 10,
  }));
  return (
    <div className={styles.charts}>
      <figure className={styles.chart} data-testid="chart-outcomes">
        <figcaption>Calls per second by outcome — last minute</figcaption>
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={perSecond} margin={{top: 8, right: 16, bottom: 8, left: 8}}>
            {grid}
            <XAxis dataKey="s" tick={axis} unit=" s" ticks={minuteTicks} interval={0} />
            <YAxis tick={axis} allowDecimals={false} width={56} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(s) => `${s} s`} />
            <Legend wrapperStyle={{fontSize: 16}} />
            {OUTCOMES.map((outcome) => (
              <Bar
                key={outcome}
                dataKey={outcome}
                stackId="calls"
                fill={outcomeColor(outcome)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className={styles.chart} data-testid="chart-attempts">
        <figcaption>First attempts vs retries per second</figcaption>
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={perSecond} margin={{top: 8, right: 16, bottom: 8, left: 8}}>
            {grid}
            <XAxis dataKey="s" tick={axis} unit=" s" ticks={minuteTicks} interval={0} />
            <YAxis tick={axis} allowDecimals={false} width={56} />
            <Tooltip contentStyle={tooltipStyle} labelFormatter={(s) => `${s} s`} />
            <Legend wrapperStyle={{fontSize: 16}} />
            <Line
              dataKey="first"
              name="first attempts"
              stroke={firstColor}
              strokeWidth={3}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="retries"
              name="retries"
              stroke={retryColor}
              strokeWidth={3}
              strokeDasharray="8 4"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className={`${styles.chart} ${styles.wide}`} data-testid="chart-recovery">
        <figcaption>
          Around the last recovery, per 100 ms
          {around ? ' (retries without jitter arrive in waves)' : ': none yet — end an outage or a brownout'}
        </figcaption>
        {around && (
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={around} margin={{top: 8, right: 16, bottom: 8, left: 8}} barCategoryGap={0}>
              {grid}
              <XAxis dataKey="s" tick={axis} unit=" s" ticks={recoveryTicks} interval={0} />
              <YAxis tick={axis} allowDecimals={false} width={56} />
              <Tooltip contentStyle={tooltipStyle} labelFormatter={(s) => `${s} s after the recovery`} />
              <Legend wrapperStyle={{fontSize: 16}} />
              <ReferenceLine
                x={0}
                stroke="var(--ifm-font-color-base)"
                strokeWidth={2}
                label={{value: 'recovery', fill: 'var(--ifm-font-color-base)', fontSize: 16, position: 'insideTopLeft'}}
              />
              <Bar dataKey="first" name="first attempts" stackId="a" fill={firstColor} isAnimationActive={false} />
              <Bar dataKey="retries" name="retries" stackId="a" fill={retryColor} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </figure>
    </div>
  );
}
