import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {parseGrpcRetryPushback, parseRetryAfter, pushbackFromError} from './pushback';

describe('grpc-retry-pushback-ms (gRFC A6)', () => {
  it('a non-negative integer is the delay in ms', () => {
    expect(parseGrpcRetryPushback('0')).toEqual({kind: 'delay', delayMs: 0});
    expect(parseGrpcRetryPushback('1500')).toEqual({kind: 'delay', delayMs: 1500});
    expect(parseGrpcRetryPushback('2147483647')).toEqual({kind: 'delay', delayMs: 2147483647});
  });

  it('negative or unparseable means: do not retry', () => {
    for (const v of ['-1', 'abc', '1.5', '', '10ms', '2147483648']) {
      expect(parseGrpcRetryPushback(v)).toEqual({kind: 'stop'});
    }
  });

  it('absent means no pushback', () => {
    expect(parseGrpcRetryPushback(null)).toBeUndefined();
  });
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

  it('delay-seconds', () => {
    expect(parseRetryAfter('30', now)).toEqual({kind: 'delay', delayMs: 30_000});
    expect(parseRetryAfter('0', now)).toEqual({kind: 'delay', delayMs: 0});
  });

  it('HTTP-date, relative to now (past dates mean now)', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:45 GMT', now)).toEqual({kind: 'delay', delayMs: 45_000});
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toEqual({kind: 'delay', delayMs: 0});
  });

  it('invalid values are ignored', () => {
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('pushbackFromError', () => {
  it('reads ConnectError metadata, gRPC key first', () => {
    const both = new ConnectError('x', Code.Unavailable, {'grpc-retry-pushback-ms': '250', 'retry-after': '30'});
    expect(pushbackFromError(both, 0)).toEqual({kind: 'delay', delayMs: 250});
    const http = new ConnectError('x', Code.Unavailable, {'retry-after': '2'});
    expect(pushbackFromError(http, 0)).toEqual({kind: 'delay', delayMs: 2000});
    expect(pushbackFromError(new ConnectError('x', Code.Unavailable), 0)).toBeUndefined();
    expect(pushbackFromError(new Error('plain'), 0)).toBeUndefined();
  });
});
