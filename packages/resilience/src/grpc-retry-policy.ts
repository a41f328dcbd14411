/**
 * A gRPC service-config `retryPolicy` (and `retryThrottling`) turned into
 * `retry()` options, with the validation rules of gRFC A6
 * (https://github.com/grpc/proposal/blob/master/A6-client-retries.md,
 * "Validation of retryPolicy", "Limits on Retries and Hedges"):
 * 1. maxAttempts: integer > 1; values above 5 are treated as 5 (the default
 *    client-side cap), not an error;
 * 2. initialBackoff, maxBackoff: proto3 JSON Durations ("0.1s") > 0 — a
 *    sign is rejected outright, as grpc-js's /^\d+(\.\d{1,9})?s$/ does;
 * 3. backoffMultiplier: > 0;
 * 4. retryableStatusCodes: non-empty; codes as integers or case-insensitive
 *    names ("UNAVAILABLE", "unavailable", 14).
 *
 * The delay follows A6's current ±20 % rule (see grpc-backoff.ts).
 */
import {Code} from '@connectrpc/connect';
import type {GrpcRetryBackoffOptions} from './grpc-backoff';
import {grpcRetryBackoff} from './grpc-backoff';
import type {RetryOptions} from './retry';
import {RetryThrottle} from './retry-throttle';

export interface GrpcRetryPolicyConfig {
  maxAttempts: number;
  initialBackoff: string;
  maxBackoff: string;
  backoffMultiplier: number;
  retryableStatusCodes: readonly (string | number)[];
}

/** A6's default client-side cap on maxAttempts. */
export const GRPC_MAX_ATTEMPTS_CAP = 5;

/** Parses a non-negative proto3 JSON Duration such as "1s", "0.1s", "1.000340012s" to ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!match) throw new RangeError(`not a non-negative proto3 JSON Duration: ${JSON.stringify(text)}`);
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(9, '0')) / 1e6;
}

/** "DEADLINE_EXCEEDED" / "deadline_exceeded" / 4 → Code.DeadlineExceeded. */
export function parseStatusCode(value: string | number): Code {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 1 && value <= 16) return value as Code;
    throw new RangeError(`not a retryable gRPC status code: ${value}`);
  }
  const pascal = value
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  const code = (Code as unknown as Record<string, number | undefined>)[pascal];
  if (typeof code !== 'number') throw new RangeError(`unknown gRPC status code: ${JSON.stringify(value)}`);
  return code as Code;
}

/** Validates an A6 retryPolicy and returns the matching `retry()` options. */
export function grpcRetryPolicy(
  config: GrpcRetryPolicyConfig,
  options: {jitter?: GrpcRetryBackoffOptions['jitter']; maxAttemptsCap?: number} = {},
): Required<Pick<RetryOptions, 'maxAttempts' | 'retryableCodes' | 'backoff'>> {
  const {maxAttempts, backoffMultiplier, retryableStatusCodes} = config;
  if (!Number.isInteger(maxAttempts) || maxAttempts <= 1) {
    throw new RangeError(`retryPolicy.maxAttempts must be an integer > 1, got ${maxAttempts}`);
  }
  const initialBackoffMs = parseDuration(config.initialBackoff);
  const maxBackoffMs = parseDuration(config.maxBackoff);
  if (!(initialBackoffMs > 0)) throw new RangeError('retryPolicy.initialBackoff must be > 0');
  if (!(maxBackoffMs > 0)) throw new RangeError('retryPolicy.maxBackoff must be > 0');
  if (!(backoffMultiplier > 0)) throw new RangeError('retryPolicy.backoffMultiplier must be > 0');
  if (retryableStatusCodes.length === 0) throw new RangeError('retryPolicy.retryableStatusCodes must be non-empty');
  return {
    maxAttempts: Math.min(maxAttempts, options.maxAttemptsCap ?? GRPC_MAX_ATTEMPTS_CAP),
    retryableCodes: retryableStatusCodes.map(parseStatusCode),
    backoff: grpcRetryBackoff({initialBackoffMs, maxBackoffMs, backoffMultiplier, jitter: options.jitter}),
  };
}

/** A service-config `retryThrottling` block as a shared budget. */
export function grpcRetryThrottling(config: {maxTokens: number; tokenRatio: number}): RetryThrottle {
  return new RetryThrottle(config);
}
