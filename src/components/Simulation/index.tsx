import {useEffect, useId, useMemo, useState} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import {CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis} from 'recharts';
import {strategyNames, type StrategyName} from '@site/src/resilience';
import type {AmplificationResult, OccSweepPoint} from '@site/src/simulation';
import {strategyColors, strategyLabels} from './strategy-colors';
import type {SimulationResponse} from './protocol';
import {useSimulationWorker} from './useSimulationWorker';
import styles from './styles.module.css';

type Row = {clients: number} & Partial<Record<StrategyName, number>>;

/** One row per client count, one column per strategy: the shape recharts' LineChart wants. */
function rowsOf(points: OccSweepPoint[], value: (point: OccSweepPoint) => number): Row[] {
  const rows = new Map<number, Row>();
  for (const point of points) {
    const row = rows.get(point.clients) ?? {clients: point.clients};
    row[point.strategy] = value(point);
    rows.set(point.clients, row);
  }
  return [...rows.values()].sort((a, b) => a.clients - b.clients);
}

function SweepChart({rows, label, log}: {rows: Row[]; label: string; log?: boolean}) {
  return (
    <ResponsiveContainer width="100%" height={260}>
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
}

function Slider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit?: string;
  onChange(value: number): void;
  testId: string;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className={styles.control}>
      <span>
        {props.label}{' '}
        <output>
          {props.value}
          {props.unit ?? ''}
        </output>
      </span>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(event) => props.onChange(Number(event.target.value))}
        data-testid={props.testId}
      />
    </label>
  );
}

function Simulation() {
  const [baseMs, setBaseMs] = useState(5);
  const [runs, setRuns] = useState(1);
  const [layers, setLayers] = useState(3);
  const [sweep, setSweep] = useState<{points: OccSweepPoint[]; elapsedMs: number} | null>(null);
  const [amplification, setAmplification] = useState<AmplificationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {request, computing} = useSimulationWorker((response: SimulationResponse) => {
    if (response.kind === 'sweep') setSweep({points: response.points, elapsedMs: response.elapsedMs});
    else if (response.kind === 'amplification') setAmplification(response.result);
    else setError(response.message);
  });

  useEffect(() => request({kind: 'sweep', runs, seed: 1, baseMs}), [request, runs, baseMs]);
  useEffect(() => request({kind: 'amplification', layers, tries: 3}), [request, layers]);

  const callRows = useMemo(() => rowsOf(sweep?.points ?? [], (point) => point.meanCalls), [sweep]);
  const timeRows = useMemo(() => rowsOf(sweep?.points ?? [], (point) => point.meanCompletionMs), [sweep]);

  return (
    <div className={styles.simulation} data-testid="simulation">
      <div className={styles.controls}>
        <Slider
          label="Backoff base"
          value={baseMs}
          min={1}
          max={50}
          step={1}
          unit=" ms"
          onChange={setBaseMs}
          testId="simulation-base"
        />
        <Slider
          label="Runs averaged"
          value={runs}
          min={1}
          max={5}
          step={1}
          onChange={setRuns}
          testId="simulation-runs"
        />
        <span className={styles.status} data-testid="simulation-status" data-computing={computing}>
          {computing
            ? 'Simulating…'
            : sweep
              ? `${sweep.points.length / strategyNames.length} client counts × ${strategyNames.length} strategies in ${Math.round(sweep.elapsedMs)} ms`
              : ''}
        </span>
      </div>
      {error && <div className={styles.error}>{error}</div>}
      <div className={styles.charts} data-testid="simulation-charts" data-points={sweep?.points.length ?? 0}>
        <figure>
          <SweepChart rows={callRows} label="total calls" />
          <figcaption>
            Calls to the contended row until every client has written (reads + conditional writes).
          </figcaption>
        </figure>
        <figure>
          <SweepChart rows={timeRows} label="completion (ms, log)" log />
          <figcaption>
            Time until the last client succeeds. Log scale: plain exponential backoff is off the charts.
          </figcaption>
        </figure>
      </div>
      <h3 className={styles.subhead}>Retries through layers</h3>
      <div className={styles.controls}>
        <Slider
          label="Layers that each retry 3 times"
          value={layers}
          min={1}
          max={5}
          step={1}
          onChange={setLayers}
          testId="simulation-layers"
        />
      </div>
      {amplification && (
        <table className={styles.table} data-testid="amplification-table">
          <thead>
            <tr>
              <th>
                backend down, {amplification.layers} layers × {amplification.tries} tries
              </th>
              <th>backend calls per user request</th>
              <th>requests that succeeded</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                worst case ({amplification.tries}^{amplification.layers})
              </td>
              <td>{amplification.worstCase}</td>
              <td>—</td>
            </tr>
            <tr>
              <td>every layer retries</td>
              <td>{amplification.withoutBudget.backendCallsPerRequest.toFixed(1)}</td>
              <td>{Math.round(amplification.withoutBudget.successRate * 100)}%</td>
            </tr>
            <tr>
              <td>every layer has a retry budget (gRFC A6)</td>
              <td>{amplification.withBudget.backendCallsPerRequest.toFixed(1)}</td>
              <td>{Math.round(amplification.withBudget.successRate * 100)}%</td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Many virtual clients in virtual time, using the same backoff code as the playgrounds. */
export default function SimulationPanel() {
  return (
    <BrowserOnly
      fallback={<div className={styles.simulation}>The simulation runs in your browser once the page has loaded.</div>}
    >
      {() => <Simulation />}
    </BrowserOnly>
  );
}
