import {describe, expect, it} from 'vitest';
import {defaultSweepClients, type OccSweepPoint, sweepOcc} from '@beamline/resilience/simulation';
import type {SimulationResponse} from './protocol';
import {clientsOf, joinAnswers, joinPoints, Parts} from './sweep-parts';

const part = (index: number, of: number) => clientsOf({index, of}, defaultSweepClients);
// Two strategies, the cheap ones: the order within a client count is what matters here, not which strategies.
const strategy = ['full', 'decorrelated'] as const;

describe('a sweep split between workers', () => {
  it('deals each worker every client count once, back and forth, so no worker gets the largest of every round', () => {
    expect([0, 1].map((index) => clientsOf({index, of: 2}, [10, 20, 30, 40, 50, 60, 70]))).toEqual([
      [10, 40, 50],
      [20, 30, 60, 70],
    ]);
    for (const of of [1, 2, 3, 4]) {
      const parts = Array.from({length: of}, (_, index) => part(index, of));
      expect(parts.flat().sort((a, b) => a - b)).toEqual(defaultSweepClients);
    }
    for (const of of [2, 4]) {
      // A run's cost grows about as the square of its client count; the slowest worker sets the time.
      const costs = Array.from({length: of}, (_, index) => part(index, of).reduce((sum, count) => sum + count ** 2, 0));
      expect(Math.max(...costs) / (costs.reduce((sum, cost) => sum + cost) / of)).toBeLessThan(1.06);
    }
  });

  it('joins into exactly the sweep one worker computes, point for point and in its order', () => {
    const whole = sweepOcc({runs: 2, seed: 1, baseMs: 7, strategy});
    for (const of of [2, 3, 4]) {
      const parts = Array.from({length: of}, (_, index) =>
        sweepOcc({runs: 2, seed: 1, baseMs: 7, strategy, clients: part(index, of)}),
      );
      // Every part but the last has the lower client counts of each round: joined in worker order, not sorted, it would be out of order.
      expect(joinPoints(parts.reverse())).toEqual(whole);
    }
  });

  it('answers a request with the slowest part’s time, or with a part’s error', () => {
    const sweep = (points: OccSweepPoint[], elapsedMs: number): SimulationResponse => ({
      id: 3,
      kind: 'sweep',
      runs: 1,
      seed: 1,
      baseMs: 5,
      points,
      elapsedMs,
    });
    const [a, b] = [part(0, 2), part(1, 2)].map((clients) => sweepOcc({strategy, clients}));
    expect(joinAnswers([sweep(a!, 12), sweep(b!, 30)])).toEqual(sweep(sweepOcc({strategy}), 30));
    const error: SimulationResponse = {id: 3, kind: 'error', message: 'baseMs must be…'};
    expect(joinAnswers([sweep(a!, 12), error])).toEqual(error);
  });
});

describe('Parts', () => {
  it('holds a key’s parts until every one is in, a part sent again replacing the first', () => {
    const parts = new Parts<string>();
    expect(parts.add('5', 1, 3, 'b')).toBeUndefined();
    expect(parts.add('5', 1, 3, 'b again')).toBeUndefined();
    expect(parts.add('6', 0, 3, 'other')).toBeUndefined();
    expect(parts.add('5', 2, 3, 'c')).toBeUndefined();
    expect(parts.add('5', 0, 3, 'a')).toEqual(['a', 'b again', 'c']);
    // Done with: the key starts over.
    expect(parts.add('5', 0, 3, 'a')).toBeUndefined();
  });
});
