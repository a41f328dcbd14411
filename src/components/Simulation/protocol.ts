import type {AmplificationResult, OccSweepPoint} from '@beamline/resilience/simulation';

export interface SweepRequest {
  id: number;
  kind: 'sweep';
  runs: number;
  seed: number;
  baseMs: number;
  /** Bases to compute ahead, most likely first (the worker's cache makes them instant when asked). */
  nextBaseMs: readonly number[];
}

export interface AmplificationRequest {
  id: number;
  kind: 'amplification';
  layers: number;
  tries: number;
}

export type SimulationRequest = SweepRequest | AmplificationRequest;

export type SimulationResponse =
  | {id: number; kind: 'sweep'; points: OccSweepPoint[]; elapsedMs: number}
  | {id: number; kind: 'amplification'; result: AmplificationResult; elapsedMs: number}
  | {id: number; kind: 'error'; message: string};
