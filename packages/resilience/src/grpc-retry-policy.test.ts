import {Code} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {delays} from './backoff';
import {grpcRetryPolicy, grpcRetryThrottling, parseDuration, parseStatusCode} from './grpc-retry-policy';

const a6Example = {
  maxAttempts: 4,
  initialBackoff: '0.1s',
  maxBackoff: '1s',
  backoffMultiplier: 2,
  retryableStatusCodes: ['UNAVAILABLE'],
};

describe('grpcRetryPolicy (gRFC A6 service config)', () => {
  it("turns A6's example into retry options", () => {
    const o = grpcRetryPolicy(a6Example);
    expect(o.maxAttempts).toBe(4);
    expect(o.retryableCodes).toEqual([Code.Unavailable]);
    expect(delays(o.backoff, 5, () => 0.5)).toEqual([100, 200, 400, 800, 1000]);
  });

  it('initialBackoff > maxBackoff: the first retry is not capped, later ones are (A6, grpc-js)', () => {
    const o = grpcRetryPolicy({...a6Example, initialBackoff: '2s', maxBackoff: '0.5s'});
    expect(delays(o.backoff, 3, () => 0.5)).toEqual([2000, 500, 500]);
  });

  it('caps maxAttempts at 5 without error', () => {
    expect(grpcRetryPolicy({...a6Example, maxAttempts: 10}).maxAttempts).toBe(5);
  });

  it('rejects invalid policies', () => {
    expect(() => grpcRetryPolicy({...a6Example, maxAttempts: 1})).toThrow(/maxAttempts/);
    expect(() => grpcRetryPolicy({...a6Example, maxAttempts: 2.5})).toThrow(/maxAttempts/);
    expect(() => grpcRetryPolicy({...a6Example, initialBackoff: '0s'})).toThrow(/initialBackoff/);
    expect(() => grpcRetryPolicy({...a6Example, maxBackoff: '1'})).toThrow(/Duration/);
    expect(() => grpcRetryPolicy({...a6Example, initialBackoff: '-0.5s'})).toThrow(/Duration/);
    expect(() => grpcRetryPolicy({...a6Example, maxBackoff: '-1s'})).toThrow(/Duration/);
    expect(() => grpcRetryPolicy({...a6Example, backoffMultiplier: 0})).toThrow(/backoffMultiplier/);
    expect(() => grpcRetryPolicy({...a6Example, retryableStatusCodes: []})).toThrow(/non-empty/);
    expect(() => grpcRetryPolicy({...a6Example, retryableStatusCodes: ['NOPE']})).toThrow(/unknown/);
  });

  it('parses durations and status codes in every A6 form', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('0.1s')).toBe(100);
    expect(parseDuration('1.000340012s')).toBeCloseTo(1000.340012, 9);
    expect(parseStatusCode('DEADLINE_EXCEEDED')).toBe(Code.DeadlineExceeded);
    expect(parseStatusCode('resource_exhausted')).toBe(Code.ResourceExhausted);
    expect(parseStatusCode(14)).toBe(Code.Unavailable);
  });

  it('retryThrottling block → shared budget', () => {
    expect(grpcRetryThrottling({maxTokens: 10, tokenRatio: 0.1}).tokens).toBe(10);
  });
});
