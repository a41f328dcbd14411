import {KeyedStore} from './keyed-store.js';
import {retryAfterSeconds} from './retry-headers.js';

/** What one request learns from the limiter. */
export interface WindowVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  /** Requests left in this window after this one. */
  readonly remaining: number;
  /** When the window ends, in Unix seconds (`X-RateLimit-Reset`). */
  readonly resetAtSeconds: number;
  /** Whole seconds until then, at least 1 (`Retry-After`). */
  readonly retryAfterSeconds: number;
}

interface Window {
  readonly startedAtMs: number;
  count: number;
}

/**
 * c-gateway's limiter: a fixed window per key (tenant and endpoint) that
 * starts with the key's first request and allows `limit` requests until it
 * ends; the next request after that starts a fresh window.
 *
 * Keys are per tenant, so a reader's burst in the guide never limits
 * another reader or a test that uses its own tenant. A window is kept in a
 * KeyedStore until it ends, which bounds memory whatever tenants come by.
 */
export class FixedWindowLimiter {
  private readonly windows: KeyedStore<Window>;

  constructor(
    private readonly windowMs: number,
    /** Wall-clock milliseconds: X-RateLimit-Reset is a Unix time. */
    private readonly now: () => number = Date.now,
    maxKeys?: number,
  ) {
    this.windows = new KeyedStore({now, ...(maxKeys === undefined ? {} : {maxKeys})});
  }

  take(key: string, limit: number): WindowVerdict {
    const nowMs = this.now();
    const kept = this.windows.get(key);
    const window = kept && nowMs - kept.startedAtMs < this.windowMs ? kept : {startedAtMs: nowMs, count: 0};
    const endsAtMs = window.startedAtMs + this.windowMs;
    this.windows.set(key, window, endsAtMs - nowMs);
    const verdict = {
      limit,
      resetAtSeconds: Math.ceil(endsAtMs / 1000),
      retryAfterSeconds: retryAfterSeconds(endsAtMs - nowMs),
    };
    if (window.count >= limit) {
      return {...verdict, allowed: false, remaining: 0};
    }
    window.count += 1;
    return {...verdict, allowed: true, remaining: limit - window.count};
  }
}
