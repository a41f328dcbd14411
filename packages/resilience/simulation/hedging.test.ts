import {describe, expect, it} from 'vitest';
import {runHedging} from './hedging';

// The table on the hedging page: 12 clients, 16 backend slots, 5 % of calls 800 ms slower, seed 7.
const room = {clients: 12, requestsPerClient: 60, workers: 16, tailShare: 0.05, tailMs: 800, seed: 7};
const within = (value: number, target: number, tolerance: number) =>
  expect(Math.abs(value - target)).toBeLessThanOrEqual(tolerance);

describe('hedging over many clients (virtual time, the library hedge())', () => {
  it('no hedging: p50 ~31 ms, p99 ~836 ms (the tail), one call per request', async () => {
    const plain = await runHedging(room);
    within(plain.p50, 31, 1);
    within(plain.p99, 836, 2);
    expect(plain.callsPerRequest).toBe(1);
  });

  it('a hedge after ~p95 (45 ms): p99 ~82 ms for ~4 % more calls', async () => {
    const hedged = await runHedging({...room, hedging: {maxAttempts: 2, hedgingDelayMs: 45}});
    within(hedged.p50, 31, 1);
    within(hedged.p99, 82, 2);
    within(hedged.callsPerRequest, 1.042, 0.005);
  });

  it("no delay: three calls per request, and the queueing they cause raises everyone's median to ~54 ms", async () => {
    const eager = await runHedging({...room, hedging: {maxAttempts: 3, hedgingDelayMs: 0}});
    expect(eager.callsPerRequest).toBe(3);
    within(eager.p50, 54, 1);
    within(eager.p99, 68, 2);
  });
});
