import {LRUCache} from 'lru-cache';
import {boundedKey} from './bounded-key.js';

export interface KeyedStoreOptions {
  /** Milliseconds, the clock of the store's users (each entry's time to live is measured on it). */
  readonly now: () => number;
  /** Most keys kept at once; past it the least recently used goes. */
  readonly maxKeys?: number;
}

/**
 * The per-key state of a limiter or counter (a session's token bucket, a
 * tenant's window, a session last seen), bounded three ways whatever
 * clients send: at most `maxKeys` entries, the least recently used dropped
 * first; each entry dropped once its time to live has passed, when its state
 * is as good as none (a full bucket, an ended window); and each key at most
 * MAX_KEY_LENGTH characters, a longer one kept as its digest (boundedKey).
 */
export class KeyedStore<V extends {}> {
  private readonly entries: LRUCache<string, V>;

  constructor(options: KeyedStoreOptions) {
    this.entries = new LRUCache<string, V>({
      max: options.maxKeys ?? 10_000,
      perf: {now: options.now},
      // Read the clock on every check: lru-cache otherwise caches it for a timer's tick.
      ttlResolution: 0,
    });
  }

  /** The key's state, unless it was never kept, dropped, or past its time; marks the key recently used. */
  get(key: string): V | undefined {
    return this.entries.get(boundedKey(key));
  }

  /** Keeps `value` as the key's state for `ttlMs` from now. */
  set(key: string, value: V, ttlMs: number): void {
    this.entries.set(boundedKey(key), value, {ttl: Math.max(1, Math.ceil(ttlMs))});
  }

  /** Every state still kept, oldest use first, after dropping those past their time. */
  values(): V[] {
    this.entries.purgeStale();
    return [...this.entries.rvalues()].filter((value): value is V => value !== undefined);
  }
}
