import {Suspense, lazy, useDeferredValue, useEffect, useMemo, useRef, useState} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import {useNearViewport} from '@site/src/components/useNearViewport';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import ChartData from './ChartData';
import {drawLimit, drawStride, retryChart, thinPoints, type ChartConfig} from './chart-config';
import styles from './styles.module.css';

interface Props {
  points: ChartPoint[];
  /** Older points let go to keep the chart bounded (see the playground's run-output). */
  dropped?: number;
  config?: ChartConfig;
  height?: number;
}

const loadChart = () => import('./Chart');

// A redraw costs about a millisecond per point or more (recharts draws each
// as its own SVG element): while points stream in, the chart catches up at
// most every 250 ms, or every `points` ms once it draws more.
const redrawGapMs = (points: number) => Math.max(250, points);

interface Kept {
  points: ChartPoint[];
  dropped: number;
}

/** `kept`, but changed at most every `redrawGapMs` — except a run's first points and a new run, shown at once. */
function useThrottled(kept: Kept): Kept {
  const [shown, setShown] = useState(kept);
  const last = useRef(0);
  useEffect(() => {
    const show = () => {
      last.current = performance.now();
      setShown(kept);
    };
    const wait = last.current + redrawGapMs(Math.min(shown.points.length, drawLimit)) - performance.now();
    if (wait <= 0 || shown.points.length === 0 || kept.points.length < shown.points.length) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [kept, shown.points.length]);
  return shown;
}
const Chart = lazy(loadChart);

/**
 * A chart of a run that grows as events arrive; what it draws comes from
 * `config`. The box has its final size from the first paint, and recharts is
 * fetched when the chart nears the viewport, so nothing moves when it arrives.
 * The drawing is hidden from screen readers: its caption says what the run
 * did and opens onto every point as a table.
 */
export default function LiveChart({points, dropped = 0, config = retryChart, height = 260}: Props) {
  const box = useRef<HTMLDivElement>(null);
  // Fetched ahead of the first point, so a Run does not wait for the download.
  // As a low-priority render, a redraw gives way to input.
  const shown = useDeferredValue(useThrottled(useMemo(() => ({points, dropped}), [points, dropped])));
  const drawn = useMemo(() => thinPoints(shown.points, shown.dropped, config), [shown, config]);
  // Said of the run as it is now; the drawing may be a redraw behind.
  const stride = drawStride(points.length);
  const near = useNearViewport(box);
  useEffect(() => {
    if (near) void loadChart();
  }, [near]);
  return (
    <figure className={styles.figure}>
      <div
        ref={box}
        className={styles.chart}
        data-testid="playground-chart"
        data-points={points.length}
        style={{height}}
        aria-hidden={points.length > 0}
      >
        {points.length === 0 ? (
          <div className={styles.empty}>Press Run: what the snippet reports appears here as it happens.</div>
        ) : (
          <BrowserOnly>
            {() => (
              <Suspense fallback={null}>
                <Chart points={drawn} of={shown.points.length} config={config} height={height} />
              </Suspense>
            )}
          </BrowserOnly>
        )}
      </div>
      {config.bands && (
        <div className={styles.bandLegend}>
          <span>Background:</span>
          {Object.entries(config.bands.colors).map(([state, color]) => (
            <span key={state}>
              <i style={{background: color}} /> {state}
            </span>
          ))}
        </div>
      )}
      {(dropped > 0 || stride > 1) && (
        <div className={styles.dropped} data-testid="playground-chart-dropped" data-dropped={dropped}>
          {[
            dropped > 0 && `${dropped.toLocaleString('en')} earlier points not kept`,
            stride > 1 &&
              `the chart draws one in ${stride} of the last ${points.length.toLocaleString('en')} (all are in Show data)`,
          ]
            .filter(Boolean)
            .join('; ')}
        </div>
      )}
      {shown.points.length > 0 && <ChartData points={shown.points} config={config} />}
    </figure>
  );
}
