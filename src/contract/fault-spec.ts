import {FAULT_HEADER} from './headers';
import {MAX_FAULT_DELAY_MS, MAX_FAULT_RATE_LIMIT, MAX_FAULT_SPEC_LENGTH} from './limits';

/**
 * The `x-beamline-fault` grammar, both halves: the site builds the header
 * from its dials (`faultSpec`, `formatFaultSpec`), the server reads it
 * (`parseFaultSpec`). One table of keys drives both.
 *
 *   spec     := entry ( ";" entry )*          (blanks around tokens ignored)
 *   entry    := "error=" probability          0..1, e.g. 0.5
 *             | "code=" code                 snake_case Connect code, default unavailable
 *             | "latency=" duration          added before the Router answers
 *             | "jitter=" duration           plus uniform 0..jitter on top
 *             | "ratelimit=" count "/" unit  per x-beamline-session, unit s or m
 *             | "tail=" probability ":" duration
 *                                            that share of calls answers this much later,
 *                                            after the handler has done its work
 *   duration := number ( "ms" | "s" )?       bare number = ms, at most 10s
 *
 * Example: `error=0.5;code=unavailable;latency=80ms;jitter=40ms`.
 *
 * A new key is one field in `FaultSpec` (with its default in `NO_FAULT`)
 * and one entry in `GRAMMAR`; the server then applies the field.
 */
export interface FaultSpec {
  /** Probability that the request fails with `code`. */
  readonly error: number;
  /** Connect's snake_case name of the failure's code. */
  readonly code: string;
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rateLimit?: RateLimit;
  readonly tail?: LatencyTail;
}

/** What `parseFaultSpec` returns: `code` is always one of Connect's codes. */
export interface ParsedFaultSpec extends FaultSpec {
  readonly code: ConnectCodeName;
}

export interface RateLimit {
  /** Requests allowed per period (also the burst size). */
  readonly limit: number;
  /** 1000 (`N/s`) or 60000 (`N/m`). */
  readonly periodMs: number;
}

/**
 * A latency tail: `share` of calls (drawn per call) answer `ms` later. The
 * delay comes after the handler has run, so the work is done even when the
 * caller has stopped waiting — a slow replica for a read, a late
 * acknowledgement for a write.
 */
export interface LatencyTail {
  /** 0..1 */
  readonly share: number;
  readonly ms: number;
}

/** Connect's error codes in snake_case: what `code=` accepts (never `ok`). */
export const CONNECT_CODE_NAMES = [
  'canceled',
  'unknown',
  'invalid_argument',
  'deadline_exceeded',
  'not_found',
  'already_exists',
  'permission_denied',
  'resource_exhausted',
  'failed_precondition',
  'aborted',
  'out_of_range',
  'unimplemented',
  'internal',
  'unavailable',
  'data_loss',
  'unauthenticated',
] as const;
export type ConnectCodeName = (typeof CONNECT_CODE_NAMES)[number];

/** The spec of a request without the header: nothing injected. */
export const NO_FAULT: ParsedFaultSpec = {error: 0, code: 'unavailable', latencyMs: 0, jitterMs: 0};

/** A malformed header; the message names the header and says what is wrong. */
export class FaultSpecError extends Error {
  constructor(problem: string) {
    super(`${FAULT_HEADER}: ${problem}`);
    this.name = 'FaultSpecError';
  }
}

interface KeyGrammar {
  readonly key: string;
  /** Shown when the key has no value. */
  readonly example: string;
  /** The fields this key sets; throws FaultSpecError. */
  read(value: string): Partial<ParsedFaultSpec>;
  /** The entry's value for `spec`, or undefined when the key is at its default and is left out. */
  write(spec: FaultSpec): string | undefined;
}

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const DURATION = /^((?:\d+(?:\.\d*)?|\.\d+))(ms|s)?$/;
const RATE = /^(\d+)\/(s|m)$/;
const TAIL = /^([^:]+):(.+)$/;
const CODES: ReadonlySet<string> = new Set(CONNECT_CODE_NAMES);

/** Keys in the order the builder writes them. */
const GRAMMAR: readonly KeyGrammar[] = [
  {
    key: 'error',
    example: 'error=0.5',
    read: (value) => ({error: readProbability(value)}),
    write: (spec) => (spec.error > 0 ? decimal(Math.min(1, spec.error)) : undefined),
  },
  {
    key: 'code',
    example: 'code=unavailable',
    read: (value) => ({code: readCode(value)}),
    // A code without an error rate changes nothing.
    write: (spec) => (spec.error > 0 ? spec.code : undefined),
  },
  {
    key: 'latency',
    example: 'latency=80ms',
    read: (value) => ({latencyMs: readDuration('latency', value)}),
    write: (spec) => writeDuration(spec.latencyMs),
  },
  {
    key: 'jitter',
    example: 'jitter=40ms',
    read: (value) => ({jitterMs: readDuration('jitter', value)}),
    write: (spec) => writeDuration(spec.jitterMs),
  },
  {
    key: 'ratelimit',
    example: 'ratelimit=5/s',
    read: (value) => ({rateLimit: readRateLimit(value)}),
    write: (spec) =>
      spec.rateLimit ? `${spec.rateLimit.limit}/${spec.rateLimit.periodMs === 60_000 ? 'm' : 's'}` : undefined,
  },
  {
    key: 'tail',
    example: 'tail=0.05:800ms',
    read: (value) => ({tail: readTail(value)}),
    write: (spec) => {
      const ms = spec.tail && writeDuration(spec.tail.ms);
      return spec.tail && spec.tail.share > 0 && ms ? `${decimal(Math.min(1, spec.tail.share))}:${ms}` : undefined;
    },
  },
];
const KEYS = new Map(GRAMMAR.map((grammar) => [grammar.key, grammar]));

/** Reads the header value; throws FaultSpecError saying exactly what is wrong. */
export function parseFaultSpec(header: string): ParsedFaultSpec {
  if (header.length > MAX_FAULT_SPEC_LENGTH) {
    throw new FaultSpecError(`is ${header.length} characters long; at most ${MAX_FAULT_SPEC_LENGTH} allowed`);
  }
  const seen = new Set<string>();
  let spec: ParsedFaultSpec = NO_FAULT;
  for (const entry of header.split(';')) {
    if (entry.trim() === '') {
      continue;
    }
    const equals = entry.indexOf('=');
    const key = (equals === -1 ? entry : entry.slice(0, equals)).trim();
    const grammar = KEYS.get(key);
    if (grammar === undefined) {
      throw new FaultSpecError(
        `unknown key ${JSON.stringify(key)}; expected one of ${GRAMMAR.map((g) => g.key).join(', ')}`,
      );
    }
    const value = equals === -1 ? '' : entry.slice(equals + 1).trim();
    if (value === '') {
      throw new FaultSpecError(`${key} needs a value, e.g. ${grammar.example}`);
    }
    if (seen.has(key)) {
      throw new FaultSpecError(`${key} is given twice`);
    }
    seen.add(key);
    spec = {...spec, ...grammar.read(value)};
  }
  return spec;
}

/** Writes `spec` in the grammar, leaving out keys at their default: `undefined` when nothing is injected. */
export function formatFaultSpec(spec: FaultSpec): string | undefined {
  const entries: string[] = [];
  for (const grammar of GRAMMAR) {
    const value = grammar.write(spec);
    if (value !== undefined) {
      entries.push(`${grammar.key}=${value}`);
    }
  }
  return entries.length > 0 ? entries.join(';') : undefined;
}

function readProbability(value: string): number {
  if (!NUMBER.test(value)) {
    throw new FaultSpecError(`error must be a number between 0 and 1, got ${JSON.stringify(value)}`);
  }
  const rate = Number(value);
  if (rate > 1) {
    throw new FaultSpecError(`error must be between 0 and 1, got ${value}`);
  }
  return rate;
}

function readCode(value: string): ConnectCodeName {
  const name = value.toLowerCase();
  // A set, not an object lookup: `constructor` or `__proto__` are not codes.
  if (!CODES.has(name)) {
    throw new FaultSpecError(
      `code must be a Connect code such as unavailable, resource_exhausted, internal, ` +
        `deadline_exceeded or not_found, got ${JSON.stringify(value)}`,
    );
  }
  return name as ConnectCodeName;
}

function readDuration(key: string, value: string): number {
  const found = DURATION.exec(value);
  if (!found) {
    throw new FaultSpecError(`${key} must be a duration like 80ms or 1.5s, got ${JSON.stringify(value)}`);
  }
  const [, amount = '0', unit = 'ms'] = found;
  const ms = Number(amount) * (unit === 's' ? 1000 : 1);
  if (ms > MAX_FAULT_DELAY_MS) {
    throw new FaultSpecError(`${key} must be at most ${MAX_FAULT_DELAY_MS / 1000}s, got ${value}`);
  }
  return ms;
}

function readRateLimit(value: string): RateLimit {
  const found = RATE.exec(value);
  if (!found) {
    throw new FaultSpecError(`ratelimit must look like 5/s or 30/m, got ${JSON.stringify(value)}`);
  }
  const [, count = '0', unit] = found;
  const limit = Number(count);
  if (limit < 1 || limit > MAX_FAULT_RATE_LIMIT) {
    throw new FaultSpecError(`ratelimit must allow between 1 and ${MAX_FAULT_RATE_LIMIT} requests, got ${count}`);
  }
  return {limit, periodMs: unit === 's' ? 1000 : 60_000};
}

function readTail(value: string): LatencyTail {
  const found = TAIL.exec(value);
  if (!found) {
    throw new FaultSpecError(
      `tail must look like 0.05:800ms (share of calls : added latency), got ${JSON.stringify(value)}`,
    );
  }
  const [, share = '', duration = ''] = found;
  if (!NUMBER.test(share.trim()) || Number(share) > 1) {
    throw new FaultSpecError(`tail's share must be a number between 0 and 1, got ${JSON.stringify(share)}`);
  }
  return {share: Number(share), ms: readDuration('tail', duration.trim())};
}

function writeDuration(ms: number): string | undefined {
  const text = decimal(Math.min(MAX_FAULT_DELAY_MS, ms));
  return text === '0' ? undefined : `${text}ms`;
}

/** At most three decimals, never an exponent (`1e-7`), which the grammar's numbers do not allow. */
function decimal(value: number): string {
  return String(Number(Math.max(0, value).toFixed(3)));
}

// ---- the site's dials ------------------------------------------------------

/** What a fault dial on the site is set to. */
export interface FaultSettings {
  /** Share of calls that fail, 0..1. */
  error: number;
  /** The status the failing calls get, Connect's snake_case name. */
  code: string;
  /** Added to every call, in ms. */
  latencyMs: number;
  /** A further random 0..jitterMs, in ms. */
  jitterMs: number;
  /** Server-side limit per second for this reader's session; 0 = none. */
  ratePerSecond: number;
}

export const noFaults: FaultSettings = {error: 0, code: 'unavailable', latencyMs: 0, jitterMs: 0, ratePerSecond: 0};

/** Codes a reader can pick on a dial (the HTTP facade maps each to a status). */
export const faultCodes: readonly ConnectCodeName[] = [
  'unavailable',
  'resource_exhausted',
  'deadline_exceeded',
  'internal',
  'not_found',
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
];

/**
 * The dial as a header value, `error=0.3;code=unavailable;latency=200ms`:
 * bounded to what the server accepts and rounded to stay readable, or
 * undefined when nothing is injected.
 */
export function faultSpec(settings: FaultSettings): string | undefined {
  const delay = (ms: number) => Math.min(MAX_FAULT_DELAY_MS, Math.max(0, Math.round(ms)));
  const rate = Math.min(MAX_FAULT_RATE_LIMIT, Math.round(settings.ratePerSecond));
  return formatFaultSpec({
    error: Number(Math.min(1, Math.max(0, settings.error)).toFixed(2)),
    code: settings.code,
    latencyMs: delay(settings.latencyMs),
    jitterMs: delay(settings.jitterMs),
    ...(rate > 0 ? {rateLimit: {limit: rate, periodMs: 1000}} : {}),
  });
}

/** Request headers with the dial's fault header in place of any the reader typed. */
export function withFaultHeader(headers: Array<[string, string]>, spec: string | undefined): Array<[string, string]> {
  if (!spec) return headers;
  return [...headers.filter(([name]) => name.toLowerCase() !== FAULT_HEADER), [FAULT_HEADER, spec]];
}
