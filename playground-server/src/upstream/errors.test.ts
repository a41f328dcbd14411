import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {upstreamError} from './errors.js';

const live = {callerSignal: new AbortController().signal};

describe('upstreamError', () => {
  it('turns CANCELED into UNAVAILABLE when the caller did not cancel: the connection died', () => {
    const error = upstreamError(new ConnectError('stream closed', Code.Canceled), live);
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe('upstream Router connection lost');
  });

  it.each([Code.Aborted, Code.Internal, Code.Unknown])(
    'turns a local %s (a reset connection, an HTTP/2 error) into UNAVAILABLE',
    (code) => {
      expect(upstreamError(new ConnectError('read ECONNRESET', code), live).code).toBe(Code.Unavailable);
    },
  );

  it("never tells the caller the upstream's address a local failure names", () => {
    const refused = new ConnectError('connect ECONNREFUSED 10.1.2.3:9000', Code.Unavailable);
    const error = upstreamError(refused, live);
    expect([error.code, error.rawMessage]).toEqual([Code.Unavailable, 'upstream Router unreachable']);
    const reset = upstreamError(new ConnectError('read ECONNRESET 10.1.2.3:9000', Code.Aborted), live);
    expect(reset.rawMessage).not.toContain('10.1.2.3');
  });

  it("says what the proxy refused in the Router's answer, not that the Router was unreachable", () => {
    const huge = new ConnectError('message larger than 4194304 bytes', Code.ResourceExhausted);
    const error = upstreamError(huge, live);
    expect([error.code, error.rawMessage]).toEqual([
      Code.ResourceExhausted,
      "upstream Router's answer refused: message larger than 4194304 bytes",
    ]);
  });

  it('passes an INTERNAL the Router sent (it has a grpc-status) unchanged', () => {
    const error = upstreamError(new ConnectError('router bug', Code.Internal, {'grpc-status': '13'}), live);
    expect([error.code, error.rawMessage]).toEqual([Code.Internal, 'router bug']);
  });

  it("turns the proxy's own timeout into UNAVAILABLE: the caller still had time", () => {
    const error = upstreamError(new ConnectError('the operation timed out', Code.DeadlineExceeded), {
      ...live,
      cappedAtMs: 500,
    });
    expect([error.code, error.rawMessage]).toEqual([Code.Unavailable, 'upstream Router did not answer within 500 ms']);
  });

  it("keeps DEADLINE_EXCEEDED when the caller's own deadline ran out, even before the caller's signal says so", () => {
    const error = upstreamError(new ConnectError('the operation timed out', Code.DeadlineExceeded), live);
    expect([error.code, error.rawMessage]).toEqual([Code.DeadlineExceeded, 'the operation timed out']);
  });

  it('keeps CANCELED when the caller gave up', () => {
    const gone = {callerSignal: AbortSignal.abort()};
    expect(upstreamError(new ConnectError('x', Code.Canceled), gone).code).toBe(Code.Canceled);
  });

  it("passes the Router's error on: code, message, details and application metadata, not hop headers", () => {
    const original = new ConnectError('policy "eu" not found', Code.NotFound, {
      'content-type': 'application/grpc',
      'grpc-status': '5',
      'x-correlation-id': 'c',
      'grpc-retry-pushback-ms': '10',
    });
    original.details.push({type: 'google.rpc.ErrorInfo', value: new Uint8Array([1])});
    const error = upstreamError(original, live);
    expect([error.code, error.rawMessage]).toEqual([Code.NotFound, 'policy "eu" not found']);
    expect(error.details).toEqual(original.details);
    expect([...error.metadata.keys()].sort()).toEqual(['grpc-retry-pushback-ms', 'x-correlation-id']);
  });
});
