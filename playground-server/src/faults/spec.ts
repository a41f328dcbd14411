import {Code, ConnectError} from '@connectrpc/connect';
import {codeFromString} from '@connectrpc/connect/protocol-connect';

/** Request header in which a caller asks for faults on its own request. */
export const FAULT_HEADER = 'x-beamline-fault';

/**
 * What a caller asked for. Grammar of the header value:
 *
 *   spec     := entry ( ";" entry )*          (blanks around tokens ignored)
 *   entry    := "error=" probability          0..1, e.g. 0.5
 *             | "code=" code                 snake_case Connect code, default unavailable
 *             | "latency=" duration          added before the Router answers
 *             | "jitter=" duration           plus uniform 0..jitter on top
 *             | "ratelimit=" count "/" unit  per x-beamline-session, unit s or m
 *   duration := number ( "ms" | "s" )?       bare number = ms, at most 10s
 *
 * Example: `error=0.5;code=unavailable;latency=80ms;jitter=40ms`.
 */
export interface FaultSpec {
  /** Probability that the request fails with `code`. */
  readonly errorRate: number;
  readonly code: Code;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rateLimit?: RateLimit;
}

export interface RateLimit {
  /** Requests allowed per period (also the burst size). */
  readonly limit: number;
  readonly periodMs: number;
}

const MAX_DELAY_MS = 10_000;
const MAX_RATE_LIMIT = 100_000;
const MAX_SPEC_LENGTH = 512;
const KEYS = ['error', 'code', 'latency', 'jitter', 'ratelimit'] as const;
type Key = (typeof KEYS)[number];

const EXAMPLES: Readonly<Record<Key, string>> = {
  error: 'error=0.5',
  code: 'code=unavailable',
  latency: 'latency=80ms',
  jitter: 'jitter=40ms',
  ratelimit: 'ratelimit=5/s',
};

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const DURATION = /^((?:\d+(?:\.\d*)?|\.\d+))(ms|s)?$/;
const RATE = /^(\d+)\/(s|m)$/;

/** Parses the header; throws INVALID_ARGUMENT saying exactly what is wrong. */
export function parseFaultSpec(header: string): FaultSpec {
  if (header.length > MAX_SPEC_LENGTH) {
    throw malformed(`is ${header.length} characters long; at most ${MAX_SPEC_LENGTH} allowed`);
  }
  const values = new Map<Key, string>();
  for (const entry of header.split(';')) {
    if (entry.trim() === '') {
      continue;
    }
    const equals = entry.indexOf('=');
    const key = (equals === -1 ? entry : entry.slice(0, equals)).trim();
    if (!isKey(key)) {
      throw malformed(`unknown key ${JSON.stringify(key)}; expected one of ${KEYS.join(', ')}`);
    }
    if (equals === -1 || entry.slice(equals + 1).trim() === '') {
      throw malformed(`${key} needs a value, e.g. ${EXAMPLES[key]}`);
    }
    if (values.has(key)) {
      throw malformed(`${key} is given twice`);
    }
    values.set(key, entry.slice(equals + 1).trim());
  }
  const rate = values.get('ratelimit');
  const spec: FaultSpec = {
    errorRate: parseProbability(values.get('error')),
    code: parseCode(values.get('code')),
    latencyMs: parseDuration('latency', values.get('latency')),
    jitterMs: parseDuration('jitter', values.get('jitter')),
  };
  return rate === undefined ? spec : {...spec, rateLimit: parseRateLimit(rate)};
}

function isKey(key: string): key is Key {
  return (KEYS as readonly string[]).includes(key);
}

function parseProbability(value: string | undefined): number {
  if (value === undefined) {
    return 0;
  }
  if (!NUMBER.test(value)) {
    throw malformed(`error must be a number between 0 and 1, got ${JSON.stringify(value)}`);
  }
  const rate = Number(value);
  if (rate > 1) {
    throw malformed(`error must be between 0 and 1, got ${value}`);
  }
  return rate;
}

function parseCode(value: string | undefined): Code {
  if (value === undefined) {
    return Code.Unavailable;
  }
  const code = codeFromString(value.toLowerCase());
  if (code === undefined) {
    throw malformed(
      `code must be a Connect code such as unavailable, resource_exhausted, internal, ` +
        `deadline_exceeded or not_found, got ${JSON.stringify(value)}`,
    );
  }
  return code;
}

function parseDuration(key: 'latency' | 'jitter', value: string | undefined): number {
  if (value === undefined) {
    return 0;
  }
  const found = DURATION.exec(value);
  if (!found) {
    throw malformed(`${key} must be a duration like 80ms or 1.5s, got ${JSON.stringify(value)}`);
  }
  const [, amount = '0', unit = 'ms'] = found;
  const ms = Number(amount) * (unit === 's' ? 1000 : 1);
  if (ms > MAX_DELAY_MS) {
    throw malformed(`${key} must be at most 10s, got ${value}`);
  }
  return ms;
}

function parseRateLimit(value: string): RateLimit {
  const found = RATE.exec(value);
  if (!found) {
    throw malformed(`ratelimit must look like 5/s or 30/m, got ${JSON.stringify(value)}`);
  }
  const [, count = '0', unit] = found;
  const limit = Number(count);
  if (limit < 1 || limit > MAX_RATE_LIMIT) {
    throw malformed(`ratelimit must allow between 1 and ${MAX_RATE_LIMIT} requests, got ${count}`);
  }
  return {limit, periodMs: unit === 's' ? 1000 : 60_000};
}

function malformed(problem: string): ConnectError {
  return new ConnectError(`${FAULT_HEADER}: ${problem}`, Code.InvalidArgument);
}
