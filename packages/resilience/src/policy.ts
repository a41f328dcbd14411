/**
 * Policy and wrap — stacking patterns, after cockatiel's `IPolicy` and
 * `wrap(...policies)` (https://github.com/connor4312/cockatiel#wrappolicies)
 * and Polly's PolicyWrap: `wrap(a, b, c).execute(fn)` runs
 * `a.execute(() => b.execute(() => c.execute(fn)))` — the first policy is
 * the outermost.
 *
 * A common order (Polly's "Resilience strategies" guidance, and Microsoft's
 * "Implement resilient applications"): retry outside, circuit breaker
 * inside it, a per-attempt timeout innermost:
 *   wrap(retryPolicy(...), breaker, timeoutPolicy(...))
 * so every attempt is timed out, every attempt's outcome feeds the breaker,
 * and the retry sees the breaker's fast "circuit open" rejections.
 */
import {neverAborted} from './abort';

export interface PolicyContext {
  /** Aborts when the caller cancels or an enclosing policy gives up (e.g. a timeout). */
  signal: AbortSignal;
}

export interface Policy {
  execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T>;
}

/** A policy that just runs the function. */
export const noopPolicy: Policy = {
  async execute(fn, signal) {
    return fn({signal: signal ?? neverAborted});
  },
};

/** Stacks policies; the first is the outermost. */
export function wrap(...policies: Policy[]): Policy {
  return {
    execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
      const run = (index: number, context: PolicyContext): Promise<T> => {
        const policy = policies[index];
        if (!policy) return Promise.resolve().then(() => fn(context));
        return policy.execute((inner) => run(index + 1, inner), context.signal);
      };
      return run(0, {signal: signal ?? neverAborted});
    },
  };
}
