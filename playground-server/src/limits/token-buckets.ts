import type {RateLimit} from '../../../src/contract/index.js';
import {type GcraState, gcra} from '@beamline/resilience/gcra';
import {KeyedStore} from './keyed-store.js';

export interface TakeResult {
  readonly allowed: boolean;
  /** Tokens left after this request. */
  readonly remaining: number;
  /** When refused: how long until a token is back. */
  readonly retryAfterMs: number;
}

/**
 * Token buckets, one per key: `limit` tokens refilled evenly over
 * `periodMs`, so `5/s` allows a burst of 5 and then one request every
 * 200 ms. Each bucket is the pattern library's GCRA state (one number, its
 * theoretical arrival time), kept in a KeyedStore until the bucket would be
 * full again — from then on it is the same as a new one — which bounds
 * memory however many sessions come by, whatever their ids.
 *
 * As in resilience/token-bucket.ts, GCRA runs on a clock scaled by the
 * limit, where one token's worth of time is exactly `periodMs`: the state
 * only ever moves by whole periods and never drifts with rounding.
 */
export class TokenBuckets {
  private readonly buckets: KeyedStore<GcraState>;

  constructor(private readonly options: {readonly now: () => number; readonly maxKeys?: number}) {
    this.buckets = new KeyedStore(options);
  }

  take(key: string, rate: RateLimit): TakeResult {
    const scaledNow = this.options.now() * rate.limit;
    const result = gcra(this.buckets.get(key), scaledNow, {
      emissionIntervalMs: rate.periodMs,
      toleranceMs: (rate.limit - 1) * rate.periodMs,
    });
    // The tokens taken and not refilled yet, as scaled time; the bucket is full again once it has passed.
    const usedScaled = Math.max(0, result.state.tat - scaledNow);
    this.buckets.set(key, result.state, usedScaled / rate.limit);
    if (!result.conforming) {
      return {allowed: false, remaining: 0, retryAfterMs: Math.ceil(result.retryAfterMs / rate.limit)};
    }
    return {allowed: true, remaining: Math.floor(rate.limit - usedScaled / rate.periodMs), retryAfterMs: 0};
  }
}
