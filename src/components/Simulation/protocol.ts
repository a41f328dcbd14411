import type {AmplificationResult, OccSweepPoint} from '@beamline/resilience/simulation';

/**
 * The share of a sweep one worker computes (see clientsOf): part `index` of
 * `of`. Always the same part for a worker, so the runs its cache holds are
 * the ones it will be asked for.
 */
export interface SweepPart {
  index: number;
  of: number;
}

export interface SweepRequest {
  id: number;
  kind: 'sweep';
  runs: number;
  seed: number;
  baseMs: number;
  /** Bases to compute ahead, most likely first (the worker's cache makes them instant when asked). */
  nextBaseMs: readonly number[];
  part: SweepPart;
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
  part: SweepPart;
}

export interface SweepKey {
  runs: number;
  seed: number;
  baseMs: number;
}

/** Unrequested: a sweep computed ahead (from a worker, its part of it), for the page to keep. */
export type SweepAhead = {kind: 'ahead'; points: OccSweepPoint[]} & SweepKey;

export type SimulationResponse =
  | ({id: number; kind: 'sweep'; points: OccSweepPoint[]; elapsedMs: number} & SweepKey)
  | {id: number; kind: 'amplification'; result: AmplificationResult; elapsedMs: number}
  | {id: number; kind: 'error'; message: string};
