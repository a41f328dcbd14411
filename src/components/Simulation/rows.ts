import type {StrategyName} from '@beamline/resilience';
import type {OccSweepPoint} from '@beamline/resilience/simulation';

export type Row = {clients: number} & Partial<Record<StrategyName, number>>;

/** One row per client count, one column per strategy: the shape recharts' LineChart wants. */
export function rowsOf(points: OccSweepPoint[], value: (point: OccSweepPoint) => number): Row[] {
  const rows = new Map<number, Row>();
  for (const point of points) {
    const row = rows.get(point.clients) ?? {clients: point.clients};
    row[point.strategy] = value(point);
    rows.set(point.clients, row);
  }
  return [...rows.values()].sort((a, b) => a.clients - b.clients);
}
