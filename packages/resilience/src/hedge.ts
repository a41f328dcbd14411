/**
 * Hedged requests, as gRFC A6 "gRPC Retry Design" specifies its
 * `hedgingPolicy` (https://github.com/grpc/proposal/blob/master/A6-client-retries.md,
 * "Hedging Policy", "Throttling Retry Attempts and Hedged RPCs",
 * "Summary of Retry and Hedging Logic"):
 *
 * - "the original RPC is sent immediately … After `hedgingDelay` has elapsed
 *   without a successful response, the second RPC will be issued. If neither
 *   RPC has received a response after `hedgingDelay` has elapsed again, a
 *   third RPC is sent, and so on, up to `maxAttempts`" — `maxAttempts` counts
 *   the original; values above 5 are treated as 5; `hedgingDelay` 0 sends all
 *   attempts at once.
 * - OK from any attempt: "all outstanding hedged requests are canceled and
 *   the response is returned". A fatal code (not in `nonFatalCodes`): cancel
 *   the others, return that error.
 * - A non-fatal code: "the next hedged request in line is sent immediately,
 *   shortcutting its hedging delay … Subsequent hedged requests will resume
 *   at `hedgingDelay`". When every attempt has failed, the last error is the
 *   answer — "there are no additional retry attempts".
 * - Pushback (`grpc-retry-pushback-ms`): "don't retry" → no further hedges;
 *   "retry in n ms" → the next hedge in n ms, later ones at n + hedgingDelay.
 * - Throttling: "The first outgoing RPC will always be sent, but subsequent
 *   hedged RPCs will only be sent if token_count is greater than the
 *   threshold"; a hedge due while throttled is not sent. Only OK (a token
 *   ratio earned) and non-fatal failures (a token spent) touch the budget;
 *   attempts we cancel count as neither — they never got a status.
 * - The call's deadline "applies to the entire chain of hedged requests".
 *
 * Losers are cancelled through the AbortSignal each attempt receives, so a
 * Connect call passed that signal stops on the wire too.
 */
import {Code, ConnectError} from '@connectrpc/connect';
import {abortReason, linkedController} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {codeOf} from './errors';
import {pushbackFromError} from './pushback';
import type {RetryThrottle} from './retry-throttle';

/** A6: "Values greater than 5 are treated as 5". */
export const HEDGING_MAX_ATTEMPTS_CAP = 5;

export interface HedgeOptions {
  /** Attempts in all, the original included; must be > 1; above 5 counts as 5. */
  maxAttempts: number;
  /** Wait before each further attempt while none has answered OK; 0 sends all at once. */
  hedgingDelayMs: number;
  /** Failures that let the other attempts go on (A6 `nonFatalStatusCodes`); default none. */
  nonFatalCodes?: readonly Code[];
  /** Overall deadline for the whole chain, in ms. */
  timeoutMs?: number;
  /** A6 retry throttling, shared with the channel's other calls. */
  throttle?: RetryThrottle;
  signal?: AbortSignal;
  clock?: Clock;
  onEvent?: (event: HedgeEvent) => void;
}

export interface HedgeAttemptContext {
  /** 1 for the original, 2 for the first hedge… */
  attempt: number;
  /** Aborts when another attempt wins, the chain fails, or the deadline passes. */
  signal: AbortSignal;
}

export type HedgeOutcome = 'ok' | 'cancelled' | string;

export type HedgeEvent =
  | {type: 'attempt-start'; attempt: number; at: number}
  | {type: 'attempt-end'; attempt: number; outcome: HedgeOutcome; latencyMs: number}
  | {type: 'throttled'; attempt: number}
  | {type: 'done'; winner?: number; sent: number; outcome: HedgeOutcome};

/** Validates like A6 "Validation of hedgingPolicy" and applies the cap. */
export function effectiveHedgeAttempts(maxAttempts: number): number {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 2) {
    throw new RangeError(`hedgingPolicy.maxAttempts must be an integer greater than 1, got ${maxAttempts}`);
  }
  return Math.min(maxAttempts, HEDGING_MAX_ATTEMPTS_CAP);
}

const cancelled = () => new ConnectError('another hedged attempt settled the call', Code.Canceled);

/** Runs `call` as a hedged request; resolves with the first OK answer. */
export function hedge<T>(call: (context: HedgeAttemptContext) => Promise<T>, options: HedgeOptions): Promise<T> {
  const maxAttempts = effectiveHedgeAttempts(options.maxAttempts);
  if (!(options.hedgingDelayMs >= 0)) throw new RangeError(`hedgingDelayMs must be ≥ 0, got ${options.hedgingDelayMs}`);
  const clock = options.clock ?? realClock;
  const nonFatal = new Set(options.nonFatalCodes ?? []);
  const emit = options.onEvent ?? (() => {});
  const chain = linkedController(options.signal);

  return new Promise<T>((resolve, reject) => {
    let sent = 0;
    let inFlight = 0;
    let settled = false;
    let hedgingStopped = false;
    let lastError: unknown;
    const attempts = new Map<number, AbortController>();
    let timer: AbortController | undefined;
    const deadline = new AbortController();

    const finish = (outcome: HedgeOutcome, winner: number | undefined, settle: () => void) => {
      if (settled) return;
      settled = true;
      timer?.abort();
      deadline.abort();
      for (const controller of attempts.values()) controller.abort(cancelled());
      chain.dispose();
      emit({type: 'done', winner, sent, outcome});
      settle();
    };

    const failIfNothingLeft = () => {
      if (inFlight === 0 && (hedgingStopped || sent >= maxAttempts)) {
        finish(codeName(codeOf(lastError)), undefined, () => reject(lastError));
      }
    };

    const schedule = (delayMs: number) => {
      timer?.abort();
      if (settled || hedgingStopped || sent >= maxAttempts) return;
      const wake = new AbortController();
      timer = wake;
      clock.sleep(delayMs, wake.signal).then(
        () => {
          if (timer === wake) launch();
        },
        () => {},
      );
    };

    const launch = () => {
      if (settled || hedgingStopped || sent >= maxAttempts) return;
      if (sent > 0 && options.throttle && !options.throttle.allowsRetry()) {
        emit({type: 'throttled', attempt: sent + 1});
        hedgingStopped = true;
        failIfNothingLeft();
        return;
      }
      const attempt = ++sent;
      inFlight++;
      const controller = new AbortController();
      attempts.set(attempt, controller);
      const {controller: linked, dispose} = linkedController(chain.controller.signal, controller.signal);
      const startedAt = clock.now();
      emit({type: 'attempt-start', attempt, at: startedAt});
      schedule(options.hedgingDelayMs);

      let result: Promise<T>;
      try {
        result = call({attempt, signal: linked.signal});
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (value) => {
          dispose();
          inFlight--;
          attempts.delete(attempt);
          emit({type: 'attempt-end', attempt, outcome: 'ok', latencyMs: clock.now() - startedAt});
          if (settled) return;
          options.throttle?.recordSuccess();
          finish('ok', attempt, () => resolve(value));
        },
        (error: unknown) => {
          dispose();
          inFlight--;
          attempts.delete(attempt);
          const code = codeOf(error);
          const wasCancelled = settled || controller.signal.aborted;
          emit({
            type: 'attempt-end',
            attempt,
            outcome: wasCancelled ? 'cancelled' : codeName(code),
            latencyMs: clock.now() - startedAt,
          });
          if (settled) return;
          lastError = error;
          if (!nonFatal.has(code)) {
            finish(codeName(code), undefined, () => reject(error));
            return;
          }
          options.throttle?.recordFailure();
          const pushback = pushbackFromError(error, clock.now());
          if (pushback?.kind === 'stop') {
            hedgingStopped = true;
            timer?.abort();
          } else if (pushback?.kind === 'delay') {
            schedule(pushback.delayMs);
          } else {
            launch();
          }
          failIfNothingLeft();
        },
      );
    };

    if (chain.controller.signal.aborted) {
      reject(abortReason(chain.controller.signal));
      chain.dispose();
      return;
    }
    chain.controller.signal.addEventListener(
      'abort',
      () => finish('cancelled', undefined, () => reject(abortReason(chain.controller.signal))),
      {once: true},
    );
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      clock.sleep(timeoutMs, deadline.signal).then(
        () =>
          finish('deadline_exceeded', undefined, () =>
            reject(new ConnectError(`hedged call exceeded its ${timeoutMs} ms deadline`, Code.DeadlineExceeded)),
          ),
        () => {},
      );
    }
    launch();
  });
}

/** `Code.Unavailable` → `"unavailable"`, as Connect spells codes on the wire. */
function codeName(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
