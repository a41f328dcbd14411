/**
 * Server pushback: the server tells the client when (or whether) to retry.
 *
 * gRPC — gRFC A6, section "Pushback": metadata key `grpc-retry-pushback-ms`,
 * "an ASCII encoded signed 32-bit integer … how many milliseconds to wait
 * before sending a retry. If the value for pushback is negative or
 * unparseable, then it will be seen as the server asking the client not to
 * retry at all." After a pushback delay, later retries restart from
 * initialBackoff. (We accept leading zeros, as grpc-java's and grpc-go's
 * integer parsers do.)
 *
 * HTTP — RFC 9110 §10.2.3 `Retry-After = HTTP-date / delay-seconds`
 * (delay-seconds = 1*DIGIT). Sent with 503 and 429 (RFC 6585 §4); the
 * c-gateway sends it with `service_overloaded` and `rate_limit_exceeded`.
 * HTTP defines no "never retry" value, so an invalid Retry-After is ignored.
 */
import {ConnectError} from '@connectrpc/connect';

export type Pushback = {kind: 'delay'; delayMs: number} | {kind: 'stop'};

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** Parses `grpc-retry-pushback-ms`; `undefined` when the header is absent. */
export function parseGrpcRetryPushback(value: string | null | undefined): Pushback | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) return {kind: 'stop'};
  const ms = Number(text);
  if (ms < INT32_MIN || ms > INT32_MAX || ms < 0) return {kind: 'stop'};
  return {kind: 'delay', delayMs: ms};
}

/**
 * Parses `Retry-After` (delay-seconds or HTTP-date) relative to `nowMs`
 * (epoch ms, e.g. `realClock.now()`); `undefined` when absent or invalid.
 * A date in the past means "now" (delay 0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): Pushback | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return {kind: 'delay', delayMs: Number(text) * 1000};
  // HTTP-date: IMF-fixdate (preferred), or the obsolete RFC 850 / asctime forms, all GMT.
  if (!/GMT$|^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/.test(text)) return undefined;
  const at = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return {kind: 'delay', delayMs: Math.max(0, at - nowMs)};
}

/**
 * Pushback carried by an error's metadata (a ConnectError merges response
 * headers and trailers into `metadata`): `grpc-retry-pushback-ms` first,
 * then `Retry-After`.
 */
export function pushbackFromError(error: unknown, nowMs: number): Pushback | undefined {
  if (!(error instanceof ConnectError)) return undefined;
  return (
    parseGrpcRetryPushback(error.metadata.get('grpc-retry-pushback-ms')) ??
    parseRetryAfter(error.metadata.get('retry-after'), nowMs)
  );
}
