import type {RateLimit} from '../../../src/contract/index.js';
import {boundedKey} from './bounded-key.js';

export interface TakeResult {
  readonly allowed: boolean;
  /** Tokens left after this request. */
  readonly remaining: number;
  /** When refused: how long until a token is back. */
  readonly retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * Token buckets, one per key: `limit` tokens refilled evenly over
 * `periodMs`, so `5/s` allows a burst of 5 and then one request every
 * 200 ms. The least recently used bucket is dropped once there are
 * `maxKeys`, and a long key is kept as its digest (boundedKey), which
 * bounds memory however many sessions come by, whatever their ids.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxKeys = 10_000) {}

  take(anyKey: string, rate: RateLimit, nowMs: number): TakeResult {
    const key = boundedKey(anyKey);
    const bucket = this.buckets.get(key) ?? {tokens: rate.limit, updatedAtMs: nowMs};
    const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
    bucket.tokens = Math.min(rate.limit, bucket.tokens + (elapsedMs * rate.limit) / rate.periodMs);
    bucket.updatedAtMs = nowMs;
    // Re-inserting keeps the Map in least-recently-used order.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) {
        this.buckets.delete(oldest);
      }
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return {allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0};
    }
    const retryAfterMs = Math.ceil(((1 - bucket.tokens) * rate.periodMs) / rate.limit);
    return {allowed: false, remaining: 0, retryAfterMs};
  }
}
