import LazyDetails from '@site/src/components/ui/LazyDetails';
import type {ChartPoint} from '@site/src/snippet-runner/protocol';
import {describeRun, type ChartConfig} from './chart-config';
import styles from './styles.module.css';

const columns: Array<{key: keyof ChartPoint; label: string; format?: (value: number) => string}> = [
  {key: 't', label: 'time (s)', format: (ms) => (ms / 1000).toFixed(2)},
  {key: 'series', label: 'series'},
  {key: 'outcome', label: 'outcome or state'},
  {key: 'attempt', label: 'attempt'},
  {key: 'delayMs', label: 'wait (ms)', format: (ms) => String(Math.round(ms))},
  {key: 'latencyMs', label: 'call took (ms)', format: (ms) => String(Math.round(ms))},
  {key: 'value', label: 'value', format: (value) => String(Math.round(value * 100) / 100)},
];

/**
 * The chart's text alternative: a summary of the run, and every point as a
 * table behind "Show data" (see LazyDetails: a long run costs nothing until
 * someone asks).
 */
export default function ChartData({points, config}: {points: ChartPoint[]; config: ChartConfig}) {
  return (
    <figcaption className={styles.caption}>
      <p data-testid="playground-chart-summary">{describeRun(points, config)}</p>
      <LazyDetails summary={`Show data (${points.length} points)`}>{() => <DataTable points={points} />}</LazyDetails>
    </figcaption>
  );
}

/** Every point, in the columns some point has: looked for only when shown, as a flood updates 10 times a second. */
function DataTable({points}: {points: ChartPoint[]}) {
  const used = columns.filter((column) => points.some((point) => point[column.key] !== undefined));
  return (
    <table data-testid="playground-chart-table">
      <thead>
        <tr>
          {used.map((column) => (
            <th key={column.key} scope="col">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {points.map((point, index) => (
          <tr key={index}>
            {used.map((column) => {
              const value = point[column.key];
              return (
                <td key={column.key}>
                  {typeof value === 'number' && column.format ? column.format(value) : (value ?? '')}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
