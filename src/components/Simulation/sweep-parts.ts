import type {OccSweepPoint} from '@beamline/resilience/simulation';
import type {SimulationResponse, SweepPart} from './protocol';

/**
 * A worker's share of a sweep's client counts: dealt out in rounds of `of`,
 * one each, every other round in reverse (0 1 1 0 0 1 …): a run's cost
 * grows with its client count, and dealing in one direction only would
 * give the last worker the largest count of every round.
 */
export function clientsOf({index, of}: SweepPart, clients: readonly number[]): number[] {
  return clients.filter((_, i) => (Math.floor(i / of) % 2 === 0 ? i % of : of - 1 - (i % of)) === index);
}

/**
 * What several workers send for one thing (a request, a sweep computed
 * ahead), held until each has sent its part. A worker may send a part
 * again (a sweep asked ahead twice): the later copy replaces the earlier.
 */
export class Parts<Part> {
  readonly #pending = new Map<string, Map<number, Part>>();

  /** Adds part `index` of `of` for `key`: every part, in index order, once all are in; else undefined. */
  add(key: string, index: number, of: number, part: Part): Part[] | undefined {
    const parts = this.#pending.get(key) ?? new Map<number, Part>();
    parts.set(index, part);
    if (parts.size < of) {
      this.#pending.set(key, parts);
      return undefined;
    }
    this.#pending.delete(key);
    return [...parts].sort(([a], [b]) => a - b).map(([, held]) => held);
  }
}

/**
 * The whole sweep from its parts, in the order one worker computing all of
 * it gives: by client count, the strategies in their order within one. Each
 * client count is in one part only, in that order there, so a stable sort
 * by client count is enough.
 */
export function joinPoints(parts: readonly (readonly OccSweepPoint[])[]): OccSweepPoint[] {
  return parts.flat().sort((a, b) => a.clients - b.clients);
}

/** One answer from every worker's answer to a request: the first error if any, else the sweep's parts joined. */
export function joinAnswers(answers: readonly SimulationResponse[]): SimulationResponse {
  const error = answers.find((answer) => answer.kind === 'error');
  if (error || answers.length === 1) return error ?? answers[0]!;
  const sweeps = answers.filter((answer) => answer.kind === 'sweep');
  if (sweeps.length !== answers.length) throw new Error('only a sweep is split between workers');
  return {
    ...sweeps[0]!,
    points: joinPoints(sweeps.map((sweep) => sweep.points)),
    // The workers computed side by side: the sweep took as long as the slowest part.
    elapsedMs: Math.max(...sweeps.map((sweep) => sweep.elapsedMs)),
  };
}
