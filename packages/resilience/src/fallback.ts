/**
 * Fallback with a cache: serve the last good answer, then a static default,
 * when the Router fails.
 *
 * - Cache-aside with a time to live: a fresh entry (age < `ttlMs`) answers
 *   without a call — resilience4j's Cache decorator and Polly's cache both
 *   read the cache first and call only on a miss.
 * - stale-if-error, as RFC 5861 §4 defines it for HTTP caches: when the call
 *   fails, an entry up to `staleIfErrorMs` past its freshness "MAY be used
 *   to satisfy the request", instead of the error.
 * - A static default (Polly's `FallbackStrategyOptions.FallbackAction`,
 *   resilience4j's fallback method) when nothing cached is usable.
 * - Only failures that say "the Router could not answer" fall back
 *   (`shouldFallback`, Polly's `ShouldHandle`): UNAVAILABLE,
 *   DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED by default (an open circuit
 *   rejects with UNAVAILABLE, so it falls back too).
 *   INVALID_ARGUMENT or NOT_FOUND are the caller's bug — hiding them behind a
 *   default would turn a loud error into a quiet wrong answer.
 *
 * AWS's Builders' Library, "Avoiding fallback in distributed systems", is
 * why the default is a choice the caller makes, with the answer's source and
 * staleness reported on every call: a fallback path runs rarely, so it is
 * the least tested code in the system, and a stale route can be worse than
 * an error.
 */
import {Code} from '@connectrpc/connect';
import type {Clock} from './clock';
import {realClock} from './clock';
import {codeOf} from './errors';

export type AnswerSource = 'router' | 'fresh-cache' | 'stale-cache' | 'default';

export interface Answer<T> {
  value: T;
  source: AnswerSource;
  /** How old the answer is, in ms (0 when the Router just gave it; undefined for the default). */
  ageMs?: number;
  /** The failure a fallback answer stands in for. */
  error?: unknown;
}

export interface FallbackCacheOptions {
  /** How long an answer is fresh enough to serve without calling. 0 = always call. */
  ttlMs: number;
  /** How long past its freshness an answer may stand in for a failure (RFC 5861 stale-if-error). */
  staleIfErrorMs: number;
  /** Entries kept; the least recently used goes first. */
  maxEntries?: number;
  clock?: Clock;
}

export const defaultFallbackCodes: readonly Code[] = [Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted];

interface Entry<T> {
  value: T;
  storedAt: number;
}

export class FallbackCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly clock: Clock;
  private readonly maxEntries: number;

  constructor(readonly options: FallbackCacheOptions) {
    if (!(options.ttlMs >= 0 && options.staleIfErrorMs >= 0)) {
      throw new RangeError('ttlMs and staleIfErrorMs must be ≥ 0');
    }
    this.clock = options.clock ?? realClock;
    this.maxEntries = options.maxEntries ?? 1_000;
  }

  /** The entry's age in ms, or undefined when there is none. */
  ageOf(key: string): number | undefined {
    const entry = this.entries.get(key);
    return entry && this.clock.now() - entry.storedAt;
  }

  /** A fresh answer, or undefined. */
  fresh(key: string): Answer<T> | undefined {
    const entry = this.touch(key);
    if (!entry) return undefined;
    const ageMs = this.clock.now() - entry.storedAt;
    return ageMs < this.options.ttlMs ? {value: entry.value, source: 'fresh-cache', ageMs} : undefined;
  }

  /** A stale answer still inside stale-if-error, or undefined. */
  stale(key: string): Answer<T> | undefined {
    const entry = this.touch(key);
    if (!entry) return undefined;
    const ageMs = this.clock.now() - entry.storedAt;
    return ageMs < this.options.ttlMs + this.options.staleIfErrorMs
      ? {value: entry.value, source: 'stale-cache', ageMs}
      : undefined;
  }

  store(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, {value, storedAt: this.clock.now()});
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  private touch(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }
}

export interface FallbackOptions<T> {
  cache?: FallbackCache<T>;
  /** The static answer of last resort; without it, the error is thrown. */
  fallback?: () => T;
  /** Which failures may be answered from the cache or the default. */
  shouldFallback?: (error: unknown) => boolean;
}

/** Cache first, then the Router, then stale cache, then the default — or the error. */
export async function withFallback<T>(
  key: string,
  call: () => Promise<T>,
  options: FallbackOptions<T>,
): Promise<Answer<T>> {
  const {cache, fallback} = options;
  const shouldFallback = options.shouldFallback ?? ((error) => defaultFallbackCodes.includes(codeOf(error)));
  const fresh = cache?.fresh(key);
  if (fresh) return fresh;
  try {
    const value = await call();
    cache?.store(key, value);
    return {value, source: 'router', ageMs: 0};
  } catch (error) {
    if (!shouldFallback(error)) throw error;
    const stale = cache?.stale(key);
    if (stale) return {...stale, error};
    if (fallback) return {value: fallback(), source: 'default', error};
    throw error;
  }
}
