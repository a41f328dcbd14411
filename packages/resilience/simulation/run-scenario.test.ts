import {describe, expect, it} from 'vitest';
import type {OccResult, OccStrategyResult} from './run-scenario';
import {OccRunCache, precomputeOccSweep, runScenario, ScenarioParamError, sweepOcc} from './run-scenario';

const byName = (r: OccResult) =>
  Object.fromEntries(r.strategies.map((s) => [s.strategy, s])) as Record<string, OccStrategyResult>;

describe("occ reproduces the AWS article's findings (100 clients)", () => {
  const result = runScenario({scenario: 'occ', clients: 100, strategy: 'all', runs: 20, seed: 1});
  const s = byName(result);

  it('no backoff makes the most calls', () => {
    for (const other of ['exponential', 'full', 'equal', 'decorrelated']) {
      expect(s.none!.meanCalls).toBeGreaterThan(s[other]!.meanCalls);
    }
  });

  it('exponential without jitter has the most calls and the longest completion among the backoffs', () => {
    for (const other of ['full', 'equal', 'decorrelated']) {
      expect(s.exponential!.meanCalls).toBeGreaterThan(s[other]!.meanCalls);
      expect(s.exponential!.meanCompletionMs).toBeGreaterThan(s[other]!.meanCompletionMs);
    }
    expect(s.exponential!.meanCompletionMs).toBeGreaterThan(s.none!.meanCompletionMs);
  });

  it('full and equal jitter need far fewer calls than plain exponential', () => {
    expect(s.full!.meanCalls).toBeLessThan(0.6 * s.exponential!.meanCalls);
    expect(s.equal!.meanCalls).toBeLessThan(0.6 * s.exponential!.meanCalls);
    expect(s.full!.meanCompletionMs).toBeLessThan(0.2 * s.exponential!.meanCompletionMs);
  });

  it('holds for other seeds too', () => {
    for (const seed of [2, 3, 4]) {
      const t = byName(runScenario({scenario: 'occ', clients: 100, runs: 5, seed}));
      expect(t.none!.meanCalls).toBe(Math.max(...Object.values(t).map((x) => x.meanCalls)));
      expect(t.exponential!.meanCompletionMs).toBe(Math.max(...Object.values(t).map((x) => x.meanCompletionMs)));
      expect(t.full!.meanCalls).toBeLessThan(t.exponential!.meanCalls);
      expect(t.equal!.meanCalls).toBeLessThan(t.exponential!.meanCalls);
    }
  });

  it('reports reads + writes as calls, writes (the article’s measure) separately', () => {
    expect(s.full!.meanCalls).toBe(2 * s.full!.meanWrites);
    expect(result).toMatchObject({
      clients: 100,
      runs: 20,
      seed: 1,
      baseMs: 5,
      capMs: 2000,
      network: {meanMs: 10, sdMs: 2},
    });
  });
});

describe('runScenario is deterministic and pure', () => {
  it('same parameters, same result; a single strategy equals its entry in "all"', () => {
    const a = runScenario({scenario: 'occ', clients: 40, runs: 4, seed: 9});
    const b = runScenario({scenario: 'occ', clients: 40, runs: 4, seed: 9});
    expect(a).toEqual(b);
    const full = runScenario({scenario: 'occ', clients: 40, runs: 4, seed: 9, strategy: 'full'});
    expect(full.strategies).toEqual([byName(a).full]);
    const other = runScenario({scenario: 'occ', clients: 40, runs: 4, seed: 10});
    expect(other).not.toEqual(a);
  });

  it('sweepOcc: one point per (clients, strategy)', () => {
    const points = sweepOcc({clients: [10, 20, 30], runs: 1});
    expect(points).toHaveLength(15);
    expect(points[0]).toMatchObject({clients: 10, strategy: 'none'});
    expect(points[14]).toMatchObject({clients: 30, strategy: 'decorrelated'});
    expect(sweepOcc({clients: [10, 20, 30], runs: 1})).toEqual(points);
  });

  it('a cached sweep is the uncached sweep, whichever parameter changed since', () => {
    const cache = new OccRunCache(10_000);
    const clients = [10, 40];
    const steps = [
      {clients, runs: 2, baseMs: 5},
      {clients, runs: 2, baseMs: 20}, // 'none' comes from the cache
      {clients, runs: 3, baseMs: 20}, // runs 0 and 1 come from the cache
      {clients, runs: 3, baseMs: 20, capMs: 100},
      {clients, runs: 3, baseMs: 20, capMs: 100, firstExponent: 0},
      {clients, runs: 3, baseMs: 20, capMs: 100, firstExponent: 0, seed: 2},
      {clients, runs: 3, baseMs: 20, capMs: 100, firstExponent: 0, seed: 2, network: {meanMs: 10, sdMs: 5}},
      {clients, runs: 3, baseMs: 20, capMs: 100, firstExponent: 0, seed: 2, network: {meanMs: 5, sdMs: 5}},
    ];
    for (const params of steps) expect(sweepOcc(params, cache)).toEqual(sweepOcc(params));
    // Computed once each, per client count: 5×2, then 4×2 (not 'none'), 5 (run 2), 4×3, 4×3, then 5×3 three times
    expect(cache.size).toBe(2 * (10 + 8 + 5 + 12 + 12 + 15 + 15 + 15));
  });

  it('precomputeOccSweep fills the cache one run per step, so the sweep then computes nothing', () => {
    const cache = new OccRunCache(10_000);
    const params = {clients: [10, 20], runs: 2, baseMs: 7};
    sweepOcc({...params, baseMs: 6}, cache);
    const steps = [...precomputeOccSweep(params, cache)].length;
    expect(steps).toBe(2 * 4 * 2); // 'none' was already there
    const size = cache.size;
    expect(sweepOcc(params, cache)).toEqual(sweepOcc(params));
    expect(cache.size).toBe(size);
  });

  it('OccRunCache drops its oldest entry when full', () => {
    const cache = new OccRunCache(2);
    const result = {writes: 1, reads: 1, calls: 2, completionMs: 40};
    for (const key of ['a', 'b', 'c']) cache.get(key, () => result);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([false, true, true]);
  });

  it('rejects bad parameters with a clear ScenarioParamError', () => {
    const bad = [
      () => runScenario({scenario: 'occ', clients: 0}),
      () => runScenario({scenario: 'occ', clients: 10.5}),
      () => runScenario({scenario: 'occ', clients: 10, runs: 0}),
      () => runScenario({scenario: 'occ', clients: 10, strategy: 'fast' as never}),
      () => runScenario({scenario: 'occ', clients: 10, strategy: []}),
      () => runScenario({scenario: 'amplification', layers: 9}),
      () => runScenario({scenario: 'amplification', failureRate: 1.5}),
      () => runScenario({scenario: 'nope'} as never),
    ];
    for (const f of bad) expect(f).toThrow(ScenarioParamError);
    expect(() => runScenario({scenario: 'occ', clients: 0})).toThrow(/clients must be an integer in 1…2000, got 0/);
  });
});

describe('amplification through layers', () => {
  it('without a budget a failing backend sees tries^layers calls per request', () => {
    const r = runScenario({scenario: 'amplification', layers: 3, tries: 3, requests: 20, runs: 2});
    expect(r.worstCase).toBe(27);
    expect(r.withoutBudget.backendCallsPerRequest).toBe(27);
    expect(r.withoutBudget.successRate).toBe(0);
    const five = runScenario({scenario: 'amplification', layers: 5, tries: 3, requests: 3, runs: 1});
    expect(five.withoutBudget.backendCallsPerRequest).toBe(243);
  });

  it('an A6 budget per layer caps it near 1 call per request', () => {
    const r = runScenario({scenario: 'amplification', layers: 3, tries: 3, requests: 100, runs: 3});
    expect(r.withBudget.backendCallsPerRequest).toBeLessThan(1.5);
    expect(r.withBudget.perRequest.slice(-50).every((n) => n === 1)).toBe(true);
    expect(r.withBudget.meanLatencyMs).toBeLessThan(r.withoutBudget.meanLatencyMs);
  });

  it('budget arithmetic, one layer: 10 tokens, −1 per failure, no retry at ≤ 5', () => {
    const r = runScenario({
      scenario: 'amplification',
      layers: 1,
      tries: 3,
      requests: 6,
      runs: 1,
      budget: {maxTokens: 10, tokenRatio: 0.1},
    });
    // request 1: 10→9→8→7 (3 calls); request 2: 7→6→5 (2); then 1 each
    expect(r.withBudget.perRequest).toEqual([3, 2, 1, 1, 1, 1]);
    expect(r.withoutBudget.perRequest).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('a healthy backend is called once per request either way', () => {
    const r = runScenario({scenario: 'amplification', failureRate: 0, requests: 50, runs: 1});
    expect(r.withoutBudget.backendCallsPerRequest).toBe(1);
    expect(r.withBudget.backendCallsPerRequest).toBe(1);
    expect(r.withBudget.successRate).toBe(1);
  });

  it('with partial failures, retries raise the success rate and the budget keeps most of that', () => {
    const r = runScenario({scenario: 'amplification', failureRate: 0.1, requests: 500, runs: 3, seed: 2});
    expect(r.withoutBudget.successRate).toBeGreaterThan(0.99);
    expect(r.withBudget.successRate).toBeGreaterThan(0.95);
    expect(r.withBudget.backendCallsPerRequest).toBeLessThanOrEqual(r.withoutBudget.backendCallsPerRequest);
  });
});
