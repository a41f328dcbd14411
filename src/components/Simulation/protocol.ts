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

/**
 * Not answered: the page already holds the sweep it shows and asks only that
 * these bases be computed ahead (each arrives as a SweepAhead).
 */
export interface AheadRequest {
  kind: 'ahead';
  runs: number;
  seed: number;
  nextBaseMs: readonly number[];
}

export interface SweepKey {
  runs: number;
  seed: number;
  baseMs: number;
}

/** Unrequested: a sweep the worker computed ahead, for the page to keep. */
export type SweepAhead = {kind: 'ahead'; points: OccSweepPoint[]} & SweepKey;

export type SimulationResponse =
  | ({id: number; kind: 'sweep'; points: OccSweepPoint[]; elapsedMs: number} & SweepKey)
  | {id: number; kind: 'amplification'; result: AmplificationResult; elapsedMs: number}
  | {id: number; kind: 'error'; message: string};
