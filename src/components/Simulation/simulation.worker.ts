/// <reference lib="webworker" />
import {
  OccRunCache,
  type OccSweepParams,
  precomputeOccSweep,
  runScenario,
  sweepOcc,
} from '@beamline/resilience/simulation';
import type {AheadRequest, SimulationRequest, SimulationResponse, SweepAhead} from './protocol';

// Simulations run here, off the main thread, so dragging a slider never
// freezes the page even when a sweep takes a few hundred milliseconds.
const scope = self as unknown as DedicatedWorkerGlobalScope;

// ~150 bytes a run: a few MB at most, enough for every base the slider has at one or two runs averaged.
const cache = new OccRunCache(20_000);

/**
 * Between requests the worker computes the sweeps the page says are likely
 * next (the base slider's neighbours), one run per task: a request arriving
 * meanwhile waits for one run at most, then finds its runs ready. Each
 * finished sweep goes to the page too, which then draws a move to that base
 * without a round trip here (under load, each hop between threads can wait
 * tens of milliseconds for a core).
 */
let precompute: Iterator<void> | undefined;
const idle = new MessageChannel();
idle.port1.onmessage = () => {
  let more = false;
  try {
    more = precompute?.next().done === false;
  } catch {
    // A guess the library rejects is simply not computed ahead; the request itself would report it.
  }
  if (more) idle.port2.postMessage(null);
  else precompute = undefined;
};

function precomputeSweeps(sweeps: Iterable<Required<Pick<OccSweepParams, 'runs' | 'seed' | 'baseMs'>>>): void {
  const idleBefore = precompute === undefined;
  precompute = (function* () {
    for (const params of sweeps) {
      yield* precomputeOccSweep(params, cache);
      scope.postMessage({kind: 'ahead', ...params, points: sweepOcc(params, cache)} satisfies SweepAhead);
    }
  })();
  if (idleBefore) idle.port2.postMessage(null);
}

scope.onmessage = ({data}: MessageEvent<SimulationRequest | AheadRequest>) => {
  if (data.kind === 'ahead') {
    const {runs, seed} = data;
    precomputeSweeps(data.nextBaseMs.map((baseMs) => ({runs, seed, baseMs})));
    return;
  }
  const started = performance.now();
  let response: SimulationResponse;
  try {
    if (data.kind === 'sweep') {
      const {runs, seed, baseMs} = data;
      const points = sweepOcc({runs, seed, baseMs}, cache);
      response = {id: data.id, kind: 'sweep', runs, seed, baseMs, points, elapsedMs: performance.now() - started};
      precomputeSweeps(data.nextBaseMs.map((baseMs) => ({runs, seed, baseMs})));
    } else {
      const result = runScenario({scenario: 'amplification', layers: data.layers, tries: data.tries, runs: 5, seed: 1});
      response = {id: data.id, kind: 'amplification', result, elapsedMs: performance.now() - started};
    }
  } catch (error) {
    response = {id: data.id, kind: 'error', message: (error as Error).message};
  }
  scope.postMessage(response);
};
