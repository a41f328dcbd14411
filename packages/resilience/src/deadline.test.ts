import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {
  attemptBudgetMs,
  callOptionsForDeadline,
  deadlineAfter,
  parseTimeoutHeader,
  remainingMs,
  setTimeoutHeader,
  timeoutPolicy,
  withTimeout,
} from './deadline';
import {VirtualClock} from './virtual-clock';

describe('deadline arithmetic', () => {
  it('timeout → deadline → remaining → per-attempt budget', async () => {
    const clock = new VirtualClock({start: 1_000});
    const deadline = deadlineAfter(500, clock);
    expect(deadline).toBe(1_500);
    await clock.advance(420);
    expect(remainingMs(deadline, clock)).toBe(80);
    expect(attemptBudgetMs({deadline, attemptTimeoutMs: 200}, clock)).toBe(80);
    expect(attemptBudgetMs({deadline, attemptTimeoutMs: 50}, clock)).toBe(50);
    expect(remainingMs(undefined, clock)).toBe(Infinity);
    await clock.advance(100);
    expect(remainingMs(deadline, clock)).toBe(0);
  });

  it('callOptionsForDeadline never passes 0 (which Connect reads as "no timeout")', async () => {
    const clock = new VirtualClock();
    expect(callOptionsForDeadline(250.2, clock)).toEqual({timeoutMs: 251});
    await clock.advance(250.2);
    expect(() => callOptionsForDeadline(250.2, clock)).toThrow(ConnectError);
  });
});

describe('withTimeout / timeoutPolicy', () => {
  it('fails with DEADLINE_EXCEEDED at exactly the timeout and aborts the inner signal', async () => {
    const clock = new VirtualClock();
    let innerSignal: AbortSignal | undefined;
    const p = withTimeout(
      async (signal) => {
        innerSignal = signal;
        await clock.sleep(1_000, signal);
        return 'late';
      },
      300,
      {clock},
    );
    await expect(clock.runUntil(p)).rejects.toMatchObject({code: Code.DeadlineExceeded});
    expect(clock.now()).toBe(300);
    expect(innerSignal?.aborted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('returns the value in time and leaves no timer behind', async () => {
    const clock = new VirtualClock();
    const p = timeoutPolicy(300, {clock}).execute(async () => {
      await clock.sleep(100);
      return 'fast';
    });
    await expect(clock.runUntil(p)).resolves.toBe('fast');
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('timeout headers (Connect-Timeout-Ms, Grpc-Timeout)', () => {
  it('parses both protocols and all gRPC units', () => {
    expect(parseTimeoutHeader(new Headers({'connect-timeout-ms': '1500'}))).toBe(1500);
    expect(parseTimeoutHeader(new Headers({'grpc-timeout': '2S'}))).toBe(2000);
    expect(parseTimeoutHeader(new Headers({'grpc-timeout': '250m'}))).toBe(250);
    expect(parseTimeoutHeader(new Headers({'grpc-timeout': '1M'}))).toBe(60_000);
    expect(parseTimeoutHeader(new Headers({'grpc-timeout': '1H'}))).toBe(3_600_000);
    expect(parseTimeoutHeader(new Headers({'grpc-timeout': '5000u'}))).toBe(5);
    expect(parseTimeoutHeader(new Headers({'grpc-timeout': '123456789m'}))).toBeUndefined(); // > 8 digits
    expect(parseTimeoutHeader(new Headers())).toBeUndefined();
  });

  it('writes the header of the request protocol, rounding up', () => {
    const grpc = new Headers({'content-type': 'application/grpc+proto'});
    setTimeoutHeader(grpc, 99.2);
    expect(grpc.get('grpc-timeout')).toBe('100m');
    const web = new Headers({'content-type': 'application/grpc-web+proto'});
    setTimeoutHeader(web, 2e8);
    expect(web.get('grpc-timeout')).toBe('200000S');
    const connect = new Headers({'content-type': 'application/proto'});
    setTimeoutHeader(connect, 1234.5);
    expect(connect.get('connect-timeout-ms')).toBe('1235');
    expect(connect.get('grpc-timeout')).toBeNull();
  });
});
