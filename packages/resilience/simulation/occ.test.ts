import {describe, expect, it} from 'vitest';
import {backoffByName, exponentialBackoff, noBackoff, strategyNames} from '../src/backoff';
import {seededRandom} from '../src/random';
import {runOcc} from './occ';
import {runOccAsync} from './occ-async';

const fixedNetwork = {meanMs: 10, sdMs: 0}; // every hop exactly 10 ms
const article = {meanMs: 10, sdMs: 2};

describe('occ event engine, by hand on a fixed 10 ms network', () => {
  it('one client: read + write, 4 hops', () => {
    expect(runOcc({clients: 1, backoff: noBackoff(), random: seededRandom(1), network: fixedNetwork})).toEqual({
      writes: 1,
      reads: 1,
      calls: 2,
      completionMs: 40,
    });
  });

  it('two clients, no backoff: the second conflicts and retries at once', () => {
    // both read at 10, both writes reach the server at 30 (client 0 first), client 1's
    // conflict is known at 40; it reads again at 50, writes at 70, learns success at 80.
    expect(runOcc({clients: 2, backoff: noBackoff(), random: seededRandom(1), network: fixedNetwork})).toEqual({
      writes: 3,
      reads: 3,
      calls: 6,
      completionMs: 80,
    });
  });

  it('two clients, exponential backoff: the retry waits base first', () => {
    const backoff = exponentialBackoff({baseMs: 5, capMs: 2000});
    // conflict known at 40, sleep 5, read at 55, write at 75, success known at 85
    expect(runOcc({clients: 2, backoff, random: seededRandom(1), network: fixedNetwork}).completionMs).toBe(85);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) =>
      runOcc({
        clients: 50,
        backoff: backoffByName('full', {baseMs: 5, capMs: 2000}),
        random: seededRandom(seed),
        network: article,
      });
    expect(run(4)).toEqual(run(4));
    expect(run(4)).not.toEqual(run(5));
  });
});

describe('the fast engine makes exactly the decisions of async clients calling retry() on a VirtualClock', () => {
  for (const strategy of strategyNames) {
    it(strategy, async () => {
      for (const [clients, seed] of [
        [1, 1],
        [7, 2],
        [30, 3],
      ] as const) {
        const options = () => ({
          clients,
          backoff: backoffByName(strategy, {baseMs: 5, capMs: 2000}),
          random: seededRandom(seed),
          network: article,
        });
        expect(await runOccAsync(options())).toEqual(runOcc(options()));
      }
    });
  }
});
