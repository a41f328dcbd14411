/// <reference lib="webworker" />
import {runScenario, sweepOcc} from '@beamline/resilience/simulation';
import type {SimulationRequest, SimulationResponse} from './protocol';

// Simulations run here, off the main thread, so dragging a slider never
// freezes the page even when a sweep takes a few hundred milliseconds.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = ({data}: MessageEvent<SimulationRequest>) => {
  const started = performance.now();
  let response: SimulationResponse;
  try {
    if (data.kind === 'sweep') {
      const points = sweepOcc({runs: data.runs, seed: data.seed, baseMs: data.baseMs});
      response = {id: data.id, kind: 'sweep', points, elapsedMs: performance.now() - started};
    } else {
      const result = runScenario({scenario: 'amplification', layers: data.layers, tries: data.tries, runs: 5, seed: 1});
      response = {id: data.id, kind: 'amplification', result, elapsedMs: performance.now() - started};
    }
  } catch (error) {
    response = {id: data.id, kind: 'error', message: (error as Error).message};
  }
  scope.postMessage(response);
};
