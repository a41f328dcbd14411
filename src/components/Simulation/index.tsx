import {Suspense, lazy, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import Slider from '@site/src/components/ui/Slider';
import {useNearViewport} from '@site/src/components/useNearViewport';
// The one module, not the library's index: that would bring Connect and protobuf to the page.
import {strategyNames} from '@beamline/resilience/backoff';
import type {AmplificationResult, OccSweepPoint} from '@beamline/resilience/simulation';
import {rowsOf, type Row} from './rows';
import SweepData from './SweepData';
import {baseRange, nextBases} from './next-bases';
import {useSimulationWorker} from './useSimulationWorker';
import styles from './styles.module.css';

const chartHeight = 260;
/** Tries per layer in the amplification table. */
const TRIES = 3;
const sweepKey = (runs: number, baseMs: number) => `${runs}×${baseMs}`;
const SweepChart = lazy(() => import('./SweepChart'));

/**
 * A sweep chart once the charts near the viewport and the first sweep is in
 * (its axes come from the rows); until then, and while recharts loads, a box
 * of its size.
 */
function LazySweepChart({near, ...props}: {near: boolean; rows: Row[]; label: string; log?: boolean}) {
  const box = <div className={styles.chartBox} style={{height: chartHeight}} />;
  if (!near || props.rows.length === 0) return box;
  return (
    <Suspense fallback={box}>
      <SweepChart {...props} height={chartHeight} />
    </Suspense>
  );
}

/**
 * Many virtual clients in virtual time, using the same backoff code as the
 * playgrounds. Rendered on the server too, at its full size: the worker and
 * the charts start in effects, so the server's HTML is the panel waiting for
 * its first sweep, and nothing below it moves when the page comes alive.
 */
export default function Simulation() {
  const [baseMs, setBaseMs] = useState(5);
  const [runs, setRuns] = useState(1);
  const [layers, setLayers] = useState(3);
  /** The sweep shown; `elapsedMs` is null when it was computed ahead, while the reader looked at another base. */
  const [sweep, setSweep] = useState<{points: OccSweepPoint[]; elapsedMs: number | null} | null>(null);
  const [amplification, setAmplification] = useState<AmplificationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Every sweep the worker sent, by runs and base: a move to one of them is
  // drawn in the input event itself, with no round trip to the worker. At
  // most 50 bases × 5 runs of 100 points, a megabyte or so.
  const sweeps = useRef(new Map<string, OccSweepPoint[]>());
  const shown = useRef('');
  const {request, ahead, computing} = useSimulationWorker((response) => {
    if (response.kind === 'ahead' || response.kind === 'sweep') {
      const key = sweepKey(response.runs, response.baseMs);
      sweeps.current.set(key, response.points);
      // An answer to a request the reader has since moved past only joins the sweeps kept.
      if (response.kind === 'sweep' && key === shown.current) {
        setSweep({points: response.points, elapsedMs: response.elapsedMs});
      }
    } else if (response.kind === 'amplification') setAmplification(response.result);
    else setError(response.message);
  });

  const lastBase = useRef({baseMs, direction: 1 as 1 | -1});
  // A layout effect: a sweep the page holds is drawn before the slider's own frame is painted.
  // A passive effect ran a frame later (a paint of the moved thumb alone, then the curves).
  useLayoutEffect(() => {
    const last = lastBase.current;
    if (baseMs !== last.baseMs) lastBase.current = {baseMs, direction: baseMs > last.baseMs ? 1 : -1};
    // Eight ahead, past the ones held: a head start of four steps either way while the reader reads,
    // since a held-down arrow key asks for a sweep every ~33 ms, faster than a busy core computes one.
    const nextBaseMs = nextBases(baseMs, lastBase.current.direction, 8, (next) =>
      sweeps.current.has(sweepKey(runs, next)),
    );
    shown.current = sweepKey(runs, baseMs);
    const ready = sweeps.current.get(shown.current);
    if (ready) {
      setSweep({points: ready, elapsedMs: null});
      ahead({kind: 'ahead', runs, seed: 1, nextBaseMs});
    } else request({kind: 'sweep', runs, seed: 1, baseMs, nextBaseMs});
  }, [request, ahead, runs, baseMs]);
  useEffect(() => request({kind: 'amplification', layers, tries: TRIES}), [request, layers]);
  const callRows = useMemo(() => rowsOf(sweep?.points ?? [], (point) => point.meanCalls), [sweep]);
  const timeRows = useMemo(() => rowsOf(sweep?.points ?? [], (point) => point.meanCompletionMs), [sweep]);
  const charts = useRef<HTMLDivElement>(null);
  const near = useNearViewport(charts);
  // Before the first sweep (the server's HTML, and until the worker answers) the line already says so:
  // a status that appeared later moved everything below it.
  const waiting = computing || (sweep === null && error === null);

  return (
    <div className={styles.simulation} data-testid="simulation">
      <div className={styles.controls}>
        <Slider
          label="Backoff base"
          value={baseMs}
          min={baseRange.min}
          max={baseRange.max}
          step={1}
          format={(ms) => `${ms} ms`}
          onChange={setBaseMs}
          testId="simulation-base"
        />
        <Slider
          label="Runs averaged"
          value={runs}
          min={1}
          max={5}
          step={1}
          format={String}
          onChange={setRuns}
          testId="simulation-runs"
        />
        <span className={styles.status} data-testid="simulation-status" data-computing={waiting}>
          {waiting
            ? 'Simulating…'
            : sweep
              ? `${sweep.points.length / strategyNames.length} client counts × ${strategyNames.length} strategies ${
                  sweep.elapsedMs === null ? 'computed ahead' : `in ${Math.round(sweep.elapsedMs)} ms`
                }`
              : ''}
        </span>
      </div>
      {error && <div className={styles.error}>{error}</div>}
      <div
        ref={charts}
        className={styles.charts}
        data-testid="simulation-charts"
        data-points={sweep?.points.length ?? 0}
      >
        <figure>
          <LazySweepChart near={near} rows={callRows} label="total calls" />
          <SweepData
            rows={callRows}
            unit="Total calls"
            caption="Calls to the contended row until every client has written (reads + conditional writes)."
          />
        </figure>
        <figure>
          <LazySweepChart near={near} rows={timeRows} label="completion (ms, log)" log />
          <SweepData
            rows={timeRows}
            unit="Completion time (ms)"
            caption="Time until the last client succeeds. Log scale: plain exponential backoff is off the charts."
          />
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
          format={String}
          onChange={setLayers}
          testId="simulation-layers"
        />
      </div>
      {/* In the page from the start, with its numbers to come: the table appearing later moved the text below it. */}
      <table className={styles.table} data-testid="amplification-table">
        <thead>
          <tr>
            <th>
              backend down, {amplification?.layers ?? layers} layers × {amplification?.tries ?? TRIES} tries
            </th>
            <th>backend calls per user request</th>
            <th>requests that succeeded</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              worst case ({amplification?.tries ?? TRIES}^{amplification?.layers ?? layers})
            </td>
            <td>{amplification?.worstCase ?? '…'}</td>
            <td>—</td>
          </tr>
          <tr>
            <td>every layer retries</td>
            <td>{amplification?.withoutBudget.backendCallsPerRequest.toFixed(1) ?? '…'}</td>
            <td>{amplification ? `${Math.round(amplification.withoutBudget.successRate * 100)}%` : '…'}</td>
          </tr>
          <tr>
            <td>every layer has a retry budget (gRFC A6)</td>
            <td>{amplification?.withBudget.backendCallsPerRequest.toFixed(1) ?? '…'}</td>
            <td>{amplification ? `${Math.round(amplification.withBudget.successRate * 100)}%` : '…'}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
