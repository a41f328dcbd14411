import {describe, expect, it} from 'vitest';
import {
  CONNECT_CODE_NAMES,
  type FaultSettings,
  FaultSpecError,
  faultCodes,
  faultSpec,
  formatFaultSpec,
  NO_FAULT,
  noFaults,
  parseFaultSpec,
  withFaultHeader,
} from './fault-spec';
import {MAX_FAULT_DELAY_MS, MAX_FAULT_RATE_LIMIT} from './limits';

/** `from`..`to` by `step`, without floating-point drift. */
function range(from: number, to: number, step: number): number[] {
  const count = Math.round((to - from) / step);
  return Array.from({length: count + 1}, (_, i) => Number((from + i * step).toFixed(6)));
}

/** What the server reads from the header a dial set to `settings` sends. */
function roundTrip(settings: FaultSettings) {
  const header = faultSpec(settings);
  return header === undefined ? NO_FAULT : parseFaultSpec(header);
}

describe('the fault grammar, built by the site and parsed by the server', () => {
  it('reads back every error rate and code a dial can set', () => {
    const wrong: string[] = [];
    for (const code of CONNECT_CODE_NAMES) {
      for (const error of range(0, 1, 0.01)) {
        const parsed = roundTrip({...noFaults, error, code});
        if (parsed.error !== error || parsed.code !== (error > 0 ? code : 'unavailable'))
          wrong.push(`${error} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads back every latency and jitter up to the limit, in whole ms', () => {
    const wrong = range(0, MAX_FAULT_DELAY_MS, 1).filter((ms) => {
      const parsed = roundTrip({...noFaults, latencyMs: ms, jitterMs: MAX_FAULT_DELAY_MS - ms});
      return parsed.latencyMs !== ms || parsed.jitterMs !== MAX_FAULT_DELAY_MS - ms;
    });
    expect(wrong).toEqual([]);
  });

  it('reads back every per-second rate limit', () => {
    expect(roundTrip({...noFaults, ratePerSecond: 0}).rateLimit).toBeUndefined();
    const wrong = [...range(1, 1000, 1), MAX_FAULT_RATE_LIMIT].filter((rate) => {
      const parsed = roundTrip({...noFaults, ratePerSecond: rate}).rateLimit;
      return parsed?.limit !== rate || parsed.periodMs !== 1000;
    });
    expect(wrong).toEqual([]);
  });

  it('reads back every combination of the dials at their coarse steps', () => {
    const wrong: unknown[] = [];
    for (const error of range(0, 1, 0.25))
      for (const code of faultCodes)
        for (const latencyMs of range(0, MAX_FAULT_DELAY_MS, 2500))
          for (const jitterMs of range(0, 1000, 500))
            for (const ratePerSecond of [0, 5, 50]) {
              const expected = {
                error,
                code: error > 0 ? code : 'unavailable',
                latencyMs,
                jitterMs,
                ...(ratePerSecond > 0 ? {rateLimit: {limit: ratePerSecond, periodMs: 1000}} : {}),
              };
              const parsed = roundTrip({error, code, latencyMs, jitterMs, ratePerSecond});
              if (JSON.stringify(parsed) !== JSON.stringify(expected)) wrong.push({parsed, expected});
            }
    expect(wrong).toEqual([]);
  });

  it('writes any parsed spec back to an equal one, per-minute rates and fractions included', () => {
    for (const header of [
      'error=0.125;code=data_loss;latency=0.5ms;jitter=2.25s;ratelimit=30/m',
      'latency=10s',
      'ratelimit=100000/s',
      'error=1',
    ]) {
      const spec = parseFaultSpec(header);
      expect(parseFaultSpec(formatFaultSpec(spec)!)).toEqual(spec);
    }
  });

  it('clamps the dial to what the server accepts', () => {
    expect(faultSpec({...noFaults, error: 0.333333, latencyMs: 12.7})).toBe('error=0.33;code=unavailable;latency=13ms');
    expect(faultSpec({...noFaults, code: 'internal', latencyMs: 50_000, jitterMs: 20_000})).toBe(
      'latency=10000ms;jitter=10000ms',
    );
    expect(faultSpec({...noFaults, error: 1.7, code: 'internal'})).toBe('error=1;code=internal');
    expect(faultSpec({...noFaults, ratePerSecond: 1e9})).toBe(`ratelimit=${MAX_FAULT_RATE_LIMIT}/s`);
    expect(faultSpec({...noFaults, error: -1, latencyMs: -5})).toBeUndefined();
  });

  it('is absent when nothing is injected', () => {
    expect(faultSpec(noFaults)).toBeUndefined();
  });

  it('writes every setting in the server grammar', () => {
    expect(faultSpec({error: 0.3, code: 'resource_exhausted', latencyMs: 200, jitterMs: 40, ratePerSecond: 5})).toBe(
      'error=0.3;code=resource_exhausted;latency=200ms;jitter=40ms;ratelimit=5/s',
    );
  });
});

describe('parseFaultSpec', () => {
  it('reads every key', () => {
    expect(parseFaultSpec('error=0.5;code=resource_exhausted;latency=80ms;jitter=1.5s;ratelimit=5/s')).toEqual({
      error: 0.5,
      code: 'resource_exhausted',
      latencyMs: 80,
      jitterMs: 1500,
      rateLimit: {limit: 5, periodMs: 1000},
    });
  });

  it('defaults to no fault and code unavailable', () => {
    expect(parseFaultSpec('')).toEqual({error: 0, code: 'unavailable', latencyMs: 0, jitterMs: 0});
  });

  it.each([
    [' error = 1 ; latency = 20 ;', {error: 1, latencyMs: 20}],
    ['latency=.5s', {latencyMs: 500}],
    ['latency=10s', {latencyMs: 10_000}],
    ['jitter=10000', {jitterMs: 10_000}],
    ['error=0', {error: 0}],
    ['error=.25', {error: 0.25}],
    ['code=DEADLINE_EXCEEDED', {code: 'deadline_exceeded'}],
    ['code=not_found', {code: 'not_found'}],
    ['code=internal', {code: 'internal'}],
    ['ratelimit=30/m', {rateLimit: {limit: 30, periodMs: 60_000}}],
  ])('accepts %j', (header, expected) => {
    expect(parseFaultSpec(header)).toMatchObject(expected);
  });

  it.each([
    ['error=1.5', 'x-beamline-fault: error must be between 0 and 1, got 1.5'],
    ['error=-0.1', 'x-beamline-fault: error must be a number between 0 and 1, got "-0.1"'],
    ['error=abc', 'x-beamline-fault: error must be a number between 0 and 1, got "abc"'],
    ['error=1e-3', 'x-beamline-fault: error must be a number between 0 and 1, got "1e-3"'],
    ['error=', 'x-beamline-fault: error needs a value, e.g. error=0.5'],
    ['latency', 'x-beamline-fault: latency needs a value, e.g. latency=80ms'],
    ['latency=fast', 'x-beamline-fault: latency must be a duration like 80ms or 1.5s, got "fast"'],
    ['latency=5m', 'x-beamline-fault: latency must be a duration like 80ms or 1.5s, got "5m"'],
    ['latency=12s', 'x-beamline-fault: latency must be at most 10s, got 12s'],
    ['jitter=10001', 'x-beamline-fault: jitter must be at most 10s, got 10001'],
    ['code=boom', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['code=ok', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['code=constructor', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['code=__proto__', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['code=toString', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['ratelimit=fast', 'x-beamline-fault: ratelimit must look like 5/s or 30/m, got "fast"'],
    ['ratelimit=5/h', 'x-beamline-fault: ratelimit must look like 5/s or 30/m, got "5/h"'],
    ['ratelimit=0/s', 'x-beamline-fault: ratelimit must allow between 1 and 100000 requests, got 0'],
    ['delay=5ms', 'x-beamline-fault: unknown key "delay"; expected one of error, code, latency, jitter, ratelimit'],
    ['__proto__=1', 'x-beamline-fault: unknown key "__proto__"'],
    ['error=0.1;error=0.2', 'x-beamline-fault: error is given twice'],
    ['x'.repeat(600), 'x-beamline-fault: is 600 characters long; at most 512 allowed'],
  ])('rejects %j saying what is wrong', (header, message) => {
    let caught: unknown;
    try {
      parseFaultSpec(header);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FaultSpecError);
    expect((caught as Error).message).toContain(message);
  });
});

describe('withFaultHeader', () => {
  it("replaces a fault header the reader typed with the dial's, whatever its case", () => {
    const typed: Array<[string, string]> = [
      ['Content-Type', 'application/json'],
      ['X-Beamline-Fault', 'error=1'],
    ];
    expect(withFaultHeader(typed, 'latency=5ms')).toEqual([
      ['Content-Type', 'application/json'],
      ['x-beamline-fault', 'latency=5ms'],
    ]);
  });

  it('leaves the headers alone when the dial is at rest', () => {
    const typed: Array<[string, string]> = [['X-Beamline-Fault', 'error=1']];
    expect(withFaultHeader(typed, undefined)).toBe(typed);
  });
});

describe('the latency tail (tail=share:duration)', () => {
  it('parses a share and a duration, and formats them back', () => {
    expect(parseFaultSpec('latency=20ms;tail=0.05:800ms').tail).toEqual({share: 0.05, ms: 800});
    expect(parseFaultSpec('tail=1:1.5s').tail).toEqual({share: 1, ms: 1500});
    const wrong: string[] = [];
    for (const share of range(0.01, 1, 0.01)) {
      for (const ms of [1, 400, 800, MAX_FAULT_DELAY_MS]) {
        const header = formatFaultSpec({...NO_FAULT, tail: {share, ms}});
        const tail = header === undefined ? undefined : parseFaultSpec(header).tail;
        if (tail?.share !== share || tail.ms !== ms) wrong.push(`${share}:${ms} → ${header}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(formatFaultSpec({...NO_FAULT, tail: {share: 0, ms: 800}})).toBeUndefined();
  });

  it('refuses what it cannot honour, saying what is wrong', () => {
    expect(() => parseFaultSpec('tail=0.05')).toThrow(/tail must look like 0\.05:800ms/);
    expect(() => parseFaultSpec('tail=2:10ms')).toThrow(/share must be a number between 0 and 1/);
    expect(() => parseFaultSpec('tail=abc:10ms')).toThrow(/share must be a number between 0 and 1/);
    expect(() => parseFaultSpec('tail=0.5:11s')).toThrow(/tail must be at most 10s/);
    expect(() => parseFaultSpec('tail=0.5:soon')).toThrow(/tail must be a duration like 80ms/);
  });
});
