/**
 * Clock — the only source of time in this library.
 *
 * Every pattern here (backoff sleeps, deadlines, breaker open windows, bucket
 * refills) asks an injected `Clock` for the time and for sleeps instead of
 * calling `Date.now()` / `setTimeout` itself. The same code therefore runs in
 * real time (`realClock`: in the playground worker, against the Router) and
 * in virtual time (`VirtualClock`: unit tests and the many-clients
 * simulator), where a minute of backoff takes microseconds.
 *
 * Shape borrowed from cockatiel's and Polly's injectable time providers
 * (Polly v8 `TimeProvider`); the abort semantics follow the DOM convention
 * used by `fetch` and Node's `timers/promises`: a sleep whose signal aborts
 * rejects with `signal.reason`.
 */
import {abortReason} from './abort';

export interface Clock {
  /** Current time in milliseconds. `realClock`: Unix epoch ms; `VirtualClock`: virtual ms. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds (negative counts as 0). If `signal`
   * aborts first, the timer is cancelled and the promise rejects with
   * `signal.reason`.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, {once: true});
    });
  },
};
