import {boundedKey} from '../limits/bounded-key.js';
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
  startedAtMs: number;
  count: number;
}

/**
 * c-gateway's limiter: a fixed window per key (tenant and endpoint) that
 * starts with the key's first request and allows `limit` requests until it
 * ends; the next request after that starts a fresh window.
 *
 * Keys are per tenant, so a reader's burst in the guide never limits
 * another reader or a test that uses its own tenant. The least recently
 * used key is forgotten past `maxKeys`, and a long key (a made-up
 * X-Tenant-ID) is kept as its digest, which bounds memory.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    /** Wall-clock milliseconds: X-RateLimit-Reset is a Unix time. */
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  take(anyKey: string, limit: number): WindowVerdict {
    const key = boundedKey(anyKey);
    const nowMs = this.now();
    let window = this.windows.get(key);
    if (window === undefined || nowMs - window.startedAtMs >= this.windowMs) {
      window = {startedAtMs: nowMs, count: 0};
    }
    // Re-inserting keeps the Map in least-recently-used order.
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) {
        this.windows.delete(oldest);
      }
    }
    const endsAtMs = window.startedAtMs + this.windowMs;
    const verdict = {
      limit,
      resetAtSeconds: Math.ceil(endsAtMs / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((endsAtMs - nowMs) / 1000)),
    };
    if (window.count >= limit) {
      return {...verdict, allowed: false, remaining: 0};
    }
    window.count += 1;
    return {...verdict, allowed: true, remaining: limit - window.count};
  }
}
