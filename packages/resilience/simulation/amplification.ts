/**
 * Scenario `amplification` — retries multiply through layers.
 *
 * A user request enters layer 1, which calls layer 2, …, layer L calls the
 * backend. Every layer retries a failed call up to `tries` attempts in
 * total. With a failing backend, one user request becomes tries^L backend
 * calls (3 tries, 5 layers: 243). Google's SRE book warns of exactly this in
 * ch. 22 "Addressing Cascading Failures" (retries at several layers
 * multiply; retry at only one layer), as does Marc Brooker, "Fixing retries
 * with token buckets and circuit breakers" (brooker.co.za, 28 Feb 2022).
 *
 * The cure simulated here is gRFC A6's retry throttling per layer: each
 * layer keeps a token bucket (maxTokens 10, tokenRatio 0.1 by default),
 * every failed attempt costs a token, and no retry is made at or below half
 * the bucket. Once the backend keeps failing, every layer soon stops
 * retrying and amplification falls to ~1 backend call per request.
 *
 * Requests are sequential in virtual time (each hop ~10 ms, retries wait
 * per the chosen backoff); the decisions are `decideRetry` and
 * `RetryThrottle` from packages/resilience/src.
 */
import type {Backoff} from '../src/backoff';
import type {Random} from '../src/random';
import {decideRetry} from '../src/retry';
import type {RetryThrottleOptions} from '../src/retry-throttle';
import {RetryThrottle} from '../src/retry-throttle';
import type {NetworkModel} from './network';
import {hopSampler} from './network';

export interface AmplificationRunOptions {
  layers: number;
  tries: number;
  requests: number;
  /** Probability that one backend call fails (1 = always). */
  failureRate: number;
  backoff: Backoff;
  /** A6 retry budget per layer; undefined = no budget. */
  budget?: RetryThrottleOptions;
  random: Random;
  network: NetworkModel;
}

export interface AmplificationRunResult {
  backendCalls: number;
  /** Backend calls made for each user request, in order. */
  perRequest: number[];
  succeeded: number;
  /** Sum of the requests' latencies, ms. */
  totalLatencyMs: number;
}

export function runAmplification(options: AmplificationRunOptions): AmplificationRunResult {
  const {layers, tries, requests, failureRate, backoff, budget, random, network} = options;
  const hop = hopSampler(random, network);
  const throttles = budget ? Array.from({length: layers}, () => new RetryThrottle(budget)) : [];
  let backendCalls = 0;

  const backend = (): boolean => {
    backendCalls++;
    return failureRate >= 1 ? false : failureRate <= 0 ? true : random() >= failureRate;
  };

  /** Layer `layer` (0-based) calls the next one, retrying per policy; returns success and the time it answers. */
  const call = (layer: number, t: number): {ok: boolean; t: number} => {
    const throttle = throttles[layer];
    let backoffState: unknown;
    for (let attempt = 1; ; attempt++) {
      t += hop();
      let ok: boolean;
      if (layer === layers - 1) {
        ok = backend();
      } else {
        const inner = call(layer + 1, t);
        ok = inner.ok;
        t = inner.t;
      }
      t += hop();
      if (ok) {
        throttle?.recordSuccess();
        return {ok, t};
      }
      throttle?.recordFailure();
      const decision = decideRetry({
        attempt,
        maxAttempts: tries,
        retryable: true, // UNAVAILABLE from below
        throttleAllows: throttle?.allowsRetry() ?? true,
        now: t,
        backoff,
        backoffState,
        random,
      });
      if (!decision.retry) return {ok: false, t};
      backoffState = decision.backoffState;
      t += decision.delayMs;
    }
  };

  const perRequest: number[] = [];
  let succeeded = 0;
  let totalLatencyMs = 0;
  let now = 0;
  for (let r = 0; r < requests; r++) {
    const before = backendCalls;
    const result = call(0, now);
    perRequest.push(backendCalls - before);
    if (result.ok) succeeded++;
    totalLatencyMs += result.t - now;
    now = result.t;
  }
  return {backendCalls, perRequest, succeeded, totalLatencyMs};
}
