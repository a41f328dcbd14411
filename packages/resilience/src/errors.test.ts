import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {codeOf, RejectedError, rejectionKind} from './errors';

describe('errors', () => {
  it('RejectedError is a ConnectError, but not every ConnectError is a RejectedError', () => {
    const rejected = new RejectedError('queue-full', 'queue full', Code.ResourceExhausted);
    expect(rejected).toBeInstanceOf(ConnectError);
    expect(rejected).toBeInstanceOf(RejectedError);
    expect(new ConnectError('x', Code.Unavailable)).not.toBeInstanceOf(RejectedError);
    expect(rejected.message).toBe('[resource_exhausted] queue full');
    expect(rejectionKind(rejected)).toBe('queue-full');
    expect(rejectionKind(new Error('x'))).toBeUndefined();
  });

  it('codeOf: ConnectError code, aborts are CANCELED, anything else UNKNOWN', () => {
    expect(codeOf(new ConnectError('x', Code.Unavailable))).toBe(Code.Unavailable);
    expect(codeOf(new DOMException('aborted', 'AbortError'))).toBe(Code.Canceled);
    expect(codeOf(new Error('plain'))).toBe(Code.Unknown);
    expect(codeOf('string')).toBe(Code.Unknown);
  });
});
