import ScrollTable from '@site/src/components/ScrollTable';
import LazyDetails from '@site/src/components/ui/LazyDetails';
import {strategyNames} from '@beamline/resilience/backoff';
import {strategyLabels} from './strategy-colors';
import type {Row} from './rows';
import styles from './styles.module.css';

/**
 * A sweep chart's text alternative: its caption, and every value behind
 * "Show data" as a table (built only when opened, see LazyDetails — a slider
 * move re-renders the panel, and a screen reader reaches the numbers here,
 * not in the SVG).
 */
export default function SweepData({rows, unit, caption}: {rows: Row[]; unit: string; caption: string}) {
  return (
    <figcaption>
      {caption}
      <LazyDetails
        summary={`Show data: ${unit.toLowerCase()}, ${rows.length} client counts × ${strategyNames.length} strategies`}
      >
        {() => (
          <ScrollTable className={styles.data} data-testid="simulation-data">
            <thead>
              <tr>
                <th scope="col">clients</th>
                {strategyNames.map((strategy) => (
                  <th key={strategy} scope="col">
                    {strategyLabels[strategy]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.clients}>
                  <th scope="row">{row.clients}</th>
                  {strategyNames.map((strategy) => (
                    <td key={strategy}>{Math.round(row[strategy] ?? 0).toLocaleString('en')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </LazyDetails>
    </figcaption>
  );
}
