import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {parseFaultSpec} from './spec.js';

describe('parseFaultSpec', () => {
  it('reads every key', () => {
    expect(parseFaultSpec('error=0.5;code=resource_exhausted;latency=80ms;jitter=1.5s;ratelimit=5/s')).toEqual({
      errorRate: 0.5,
      code: Code.ResourceExhausted,
      latencyMs: 80,
      jitterMs: 1500,
      rateLimit: {limit: 5, periodMs: 1000},
    });
  });

  it('defaults to no fault and code unavailable', () => {
    expect(parseFaultSpec('')).toEqual({
      errorRate: 0,
      code: Code.Unavailable,
      latencyMs: 0,
      jitterMs: 0,
    });
  });

  it.each([
    [' error = 1 ; latency = 20 ;', {errorRate: 1, latencyMs: 20}],
    ['latency=.5s', {latencyMs: 500}],
    ['latency=10s', {latencyMs: 10_000}],
    ['jitter=10000', {jitterMs: 10_000}],
    ['error=0', {errorRate: 0}],
    ['error=.25', {errorRate: 0.25}],
    ['code=DEADLINE_EXCEEDED', {code: Code.DeadlineExceeded}],
    ['code=not_found', {code: Code.NotFound}],
    ['code=internal', {code: Code.Internal}],
    ['ratelimit=30/m', {rateLimit: {limit: 30, periodMs: 60_000}}],
  ])('accepts %j', (header, expected) => {
    expect(parseFaultSpec(header)).toMatchObject(expected);
  });

  it.each([
    ['error=1.5', 'x-beamline-fault: error must be between 0 and 1, got 1.5'],
    ['error=-0.1', 'x-beamline-fault: error must be a number between 0 and 1, got "-0.1"'],
    ['error=half', 'x-beamline-fault: error must be a number between 0 and 1, got "half"'],
    ['error=', 'x-beamline-fault: error needs a value, e.g. error=0.5'],
    ['latency', 'x-beamline-fault: latency needs a value, e.g. latency=80ms'],
    ['latency=fast', 'x-beamline-fault: latency must be a duration like 80ms or 1.5s, got "fast"'],
    ['latency=5m', 'x-beamline-fault: latency must be a duration like 80ms or 1.5s, got "5m"'],
    ['latency=12s', 'x-beamline-fault: latency must be at most 10s, got 12s'],
    ['jitter=10001', 'x-beamline-fault: jitter must be at most 10s, got 10001'],
    ['code=boom', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['code=ok', 'x-beamline-fault: code must be a Connect code such as unavailable'],
    ['ratelimit=fast', 'x-beamline-fault: ratelimit must look like 5/s or 30/m, got "fast"'],
    ['ratelimit=5/h', 'x-beamline-fault: ratelimit must look like 5/s or 30/m, got "5/h"'],
    ['ratelimit=0/s', 'x-beamline-fault: ratelimit must allow between 1 and 100000 requests, got 0'],
    ['delay=5ms', 'x-beamline-fault: unknown key "delay"; expected one of error, code, latency, jitter, ratelimit'],
    ['error=0.1;error=0.2', 'x-beamline-fault: error is given twice'],
    ['x'.repeat(600), 'x-beamline-fault: is 600 characters long; at most 512 allowed'],
  ])('rejects %j as INVALID_ARGUMENT', (header, message) => {
    let caught: unknown;
    try {
      parseFaultSpec(header);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectError);
    expect((caught as ConnectError).code).toBe(Code.InvalidArgument);
    expect((caught as ConnectError).rawMessage).toContain(message);
  });
});
