import {Code, ConnectError} from '@connectrpc/connect';
import {ExponentialBackoff, fullJitterGenerator, handleWhen, retry, TimeoutStrategy, timeout, wrap} from 'cockatiel';

const overallMs = 1_000;
const attemptMs = 300;

const retryable = new Set([Code.Unavailable, Code.DeadlineExceeded]);
const attempts = retry(
  handleWhen((error) => error instanceof ConnectError && retryable.has(error.code)),
  {
    maxAttempts: 4, // cockatiel counts retries: 5 attempts in all
    backoff: new ExponentialBackoff({generator: fullJitterGenerator, initialDelay: 50, maxDelay: 200}),
  },
);
// cockatiel's retry sleeps without looking at the deadline; Aggressive returns at the deadline, even mid-sleep.
const overall = wrap(timeout(overallMs, TimeoutStrategy.Aggressive), attempts);

/**
 * Runs `call` within one deadline: each attempt gets what is left, at most 300 ms,
 * as Connect's `timeoutMs` — which both cancels it here and tells the Router.
 */
export function withDeadline<T>(call: (options: {signal: AbortSignal; timeoutMs: number}) => Promise<T>): Promise<T> {
  const deadline = Date.now() + overallMs;
  return overall.execute(({signal}) =>
    // Never 0: Connect reads timeoutMs 0 as "no timeout".
    call({signal, timeoutMs: Math.max(1, Math.min(attemptMs, deadline - Date.now()))}),
  );
}
