import {Suspense, lazy, useMemo, useRef} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import {useNearViewport} from '@site/src/components/useNearViewport';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import ChartData from './ChartData';
import {drawStride, retryChart, thinPoints, type ChartConfig} from './chart-config';
import styles from './styles.module.css';

interface Props {
  points: ChartPoint[];
  /** Points let go to keep the chart bounded: by the worker's batches (outbox) and the playground's run-output. */
  dropped?: number;
  config?: ChartConfig;
  height?: number;
}

const Chart = lazy(() => import('./Chart'));

/**
 * A chart of a run that grows as events arrive; what it draws comes from
 * `config`. The box has its final size from the first paint, and recharts is
 * fetched when the chart nears the viewport, so nothing moves when it arrives.
 * The chart is then laid out, hidden, before any point arrives: a run's first
 * point costs a redraw, not recharts' first render. The drawing is hidden
 * from screen readers: its caption says what the run did and opens onto
 * every point as a table.
 */
export default function LiveChart({points, dropped = 0, config = retryChart, height = 260}: Props) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box);
  const empty = points.length === 0;
  const drawn = useMemo(() => thinPoints(points, dropped, config), [points, dropped, config]);
  const stride = drawStride(points.length);
  return (
    <figure className={styles.figure}>
      <div
        ref={box}
        className={styles.chart}
        data-testid="playground-chart"
        data-points={points.length}
        style={{height}}
        aria-hidden={!empty}
      >
        {near && (
          <BrowserOnly>
            {() => (
              <Suspense fallback={null}>
                <Chart points={drawn} of={points.length} config={config} height={height} hidden={empty} />
              </Suspense>
            )}
          </BrowserOnly>
        )}
        {empty && <div className={styles.empty}>Press Run: what the snippet reports appears here as it happens.</div>}
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
            dropped > 0 && `${dropped.toLocaleString('en')} points not kept`,
            stride > 1 &&
              `the chart draws one in ${stride} of the last ${points.length.toLocaleString('en')} (all are in Show data)`,
          ]
            .filter(Boolean)
            .join('; ')}
        </div>
      )}
      {!empty && <ChartData points={points} config={config} />}
    </figure>
  );
}
