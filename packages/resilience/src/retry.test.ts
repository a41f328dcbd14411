import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {constantBackoff, exponentialBackoff, fullJitterBackoff} from './backoff';
import type {RetryEvent, RetryOptions} from './retry';
import {decideRetry, retry} from './retry';
import {RetryThrottle} from './retry-throttle';
import {seededRandom} from './random';
import {VirtualClock} from './virtual-clock';

/** A call that takes `latencyMs` and fails with `code` the first `failures` times. */
function flaky(
  clock: VirtualClock,
  failures: number,
  options: {latencyMs?: number; code?: Code; metadata?: Record<string, string>} = {},
) {
  let calls = 0;
  const fn = async ({signal}: {signal: AbortSignal}) => {
    calls++;
    await clock.sleep(options.latencyMs ?? 10, signal);
    if (calls <= failures) throw new ConnectError('boom', options.code ?? Code.Unavailable, options.metadata);
    return `ok after ${calls}`;
  };
  return {fn, calls: () => calls};
}

async function run(clock: VirtualClock, fn: Parameters<typeof retry>[0], options: RetryOptions) {
  const events: RetryEvent[] = [];
  const promise = retry(fn, {clock, random: seededRandom(1), ...options, onEvent: (e) => events.push(e)});
  const outcome = await clock.runUntil(promise).then(
    (value) => ({value, error: undefined}),
    (error: unknown) => ({value: undefined, error}),
  );
  return {...outcome, events, attempts: events.filter((e) => e.type === 'attempt')};
}

describe('retry: attempts, delays and events', () => {
  it('retries until success with exact exponential delays, and reports each attempt', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 3);
    const r = await run(clock, server.fn, {maxAttempts: 5, backoff: exponentialBackoff({baseMs: 100, capMs: 10_000})});
    expect(r.value).toBe('ok after 4');
    expect(r.attempts.map((e) => [e.attempt, e.startedAt, e.delayMs, e.outcome])).toEqual([
      [1, 0, 0, 'failure'],
      [2, 110, 100, 'failure'], // 10 ms call + 100 ms backoff
      [3, 320, 200, 'failure'],
      [4, 730, 400, 'success'],
    ]);
    expect(r.attempts[0]).toMatchObject({code: Code.Unavailable, endedAt: 10});
    expect(
      r.events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && [e.attempt, e.at, e.delayMs]),
    ).toEqual([
      [2, 10, 100],
      [3, 120, 200],
      [4, 330, 400],
    ]);
    expect(clock.now()).toBe(740);
  });

  it('maxAttempts counts the first call', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 10);
    const r = await run(clock, server.fn, {maxAttempts: 3, backoff: constantBackoff(50)});
    expect(server.calls()).toBe(3);
    expect(r.error).toBeInstanceOf(ConnectError);
    expect(r.events.at(-1)).toMatchObject({
      type: 'give-up',
      reason: 'max-attempts',
      attempt: 3,
      code: Code.Unavailable,
    });
  });

  it('does not retry a non-retryable code', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 1, {code: Code.InvalidArgument});
    const r = await run(clock, server.fn, {maxAttempts: 5});
    expect(server.calls()).toBe(1);
    expect(r.events.at(-1)).toMatchObject({type: 'give-up', reason: 'not-retryable', code: Code.InvalidArgument});
  });

  it('retries the codes it is told to', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 2, {code: Code.ResourceExhausted});
    const r = await run(clock, server.fn, {
      maxAttempts: 5,
      retryableCodes: [Code.Unavailable, Code.ResourceExhausted],
      backoff: constantBackoff(1),
    });
    expect(r.value).toBe('ok after 3');
  });
});

describe('retry: overall deadline', () => {
  it('never starts a sleep that would cross the deadline, and never oversleeps it', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const clock = new VirtualClock();
      const server = flaky(clock, 1_000, {latencyMs: 7});
      const r = await run(clock, server.fn, {
        maxAttempts: 1_000,
        timeoutMs: 1_000,
        backoff: fullJitterBackoff({baseMs: 50, capMs: 400}),
        random: seededRandom(seed),
      });
      expect(r.error).toBeInstanceOf(ConnectError);
      expect(clock.now()).toBeLessThanOrEqual(1_000);
      for (const a of r.attempts) expect(a.startedAt).toBeLessThan(1_000);
      expect(r.events.at(-1)).toMatchObject({type: 'give-up', reason: 'deadline'});
    }
  });

  it('ends with the last error when the next sleep would reach the deadline', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 10);
    // attempts at 0 (ends 10), sleep 100 → 110 (ends 120), next sleep 100 would end at 220 ≥ 200
    const r = await run(clock, server.fn, {maxAttempts: 10, deadline: 200, backoff: constantBackoff(100)});
    expect(server.calls()).toBe(2);
    expect(clock.now()).toBe(120);
    expect((r.error as ConnectError).code).toBe(Code.Unavailable);
  });

  it('cuts an attempt that is still running at the deadline (DEADLINE_EXCEEDED)', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 0, {latencyMs: 5_000});
    const r = await run(clock, server.fn, {timeoutMs: 300});
    expect(clock.now()).toBe(300);
    expect((r.error as ConnectError).code).toBe(Code.DeadlineExceeded);
    expect(r.events.at(-1)).toMatchObject({type: 'give-up', reason: 'deadline'});
  });

  it('per-attempt timeout: each attempt gets attemptTimeoutMs, capped by what is left', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 0, {latencyMs: 5_000});
    const r = await run(clock, server.fn, {
      maxAttempts: 5,
      attemptTimeoutMs: 100,
      timeoutMs: 250,
      retryableCodes: [Code.DeadlineExceeded],
      backoff: constantBackoff(10),
    });
    expect(r.attempts.map((a) => [a.startedAt, a.endedAt])).toEqual([
      [0, 100],
      [110, 210],
      [220, 250], // only 30 ms left
    ]);
    expect((r.error as ConnectError).code).toBe(Code.DeadlineExceeded);
  });
});

describe('retry: server pushback', () => {
  it('waits exactly grpc-retry-pushback-ms, then restarts the backoff', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const fn = async () => {
      calls++;
      await clock.sleep(10);
      if (calls === 1) throw new ConnectError('busy', Code.Unavailable, {'grpc-retry-pushback-ms': '700'});
      if (calls <= 3) throw new ConnectError('still', Code.Unavailable);
      return 'ok';
    };
    const r = await run(clock, fn, {maxAttempts: 5, backoff: exponentialBackoff({baseMs: 100, capMs: 10_000})});
    expect(r.value).toBe('ok');
    // pushback 700, then the exponential backoff from its start: 100, 200
    expect(r.attempts.map((a) => a.delayMs)).toEqual([0, 700, 100, 200]);
    expect(r.events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.source)).toEqual([
      'pushback',
      'backoff',
      'backoff',
    ]);
  });

  it('a negative pushback stops retrying', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 5, {metadata: {'grpc-retry-pushback-ms': '-1'}});
    const r = await run(clock, server.fn, {maxAttempts: 5});
    expect(server.calls()).toBe(1);
    expect(r.events.at(-1)).toMatchObject({type: 'give-up', reason: 'pushback-stop'});
  });

  it('honours HTTP Retry-After seconds', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 1, {metadata: {'retry-after': '3'}});
    const r = await run(clock, server.fn, {maxAttempts: 2});
    expect(r.attempts[1]).toMatchObject({startedAt: 3_010, delayMs: 3_000});
  });

  it('pushback: false ignores it', async () => {
    const clock = new VirtualClock();
    const server = flaky(clock, 1, {metadata: {'grpc-retry-pushback-ms': '-1'}});
    const r = await run(clock, server.fn, {maxAttempts: 2, pushback: false, backoff: constantBackoff(5)});
    expect(r.value).toBe('ok after 2');
  });
});

describe('retry: throttling budget', () => {
  it('stops retrying once the shared budget is at half, and resumes after successes', async () => {
    const clock = new VirtualClock();
    const throttle = new RetryThrottle({maxTokens: 4, tokenRatio: 1});
    const failing = flaky(clock, 100);
    // 4 → 3 (retry allowed) → 2 (no retry): 2 calls
    const first = await run(clock, failing.fn, {maxAttempts: 5, throttle, backoff: constantBackoff(1)});
    expect(failing.calls()).toBe(2);
    expect(first.events.at(-1)).toMatchObject({type: 'give-up', reason: 'throttled'});
    expect(throttle.tokens).toBe(2);
    // one success earns a token: 3 > 2, retries are allowed again
    await run(clock, async () => 'fine', {throttle});
    expect(throttle.tokens).toBe(3);
    expect(throttle.allowsRetry()).toBe(true);
  });

  it('does not count non-retryable failures against the budget', async () => {
    const clock = new VirtualClock();
    const throttle = new RetryThrottle({maxTokens: 10, tokenRatio: 0.1});
    const bad = flaky(clock, 1, {code: Code.InvalidArgument});
    await run(clock, bad.fn, {throttle});
    expect(throttle.tokens).toBe(10);
  });
});

describe('retry: cancellation', () => {
  it('stops sleeping and rethrows when the caller aborts', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const server = flaky(clock, 100);
    const events: RetryEvent[] = [];
    const promise = retry(server.fn, {
      clock,
      maxAttempts: 100,
      backoff: constantBackoff(1_000),
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    await clock.advance(500);
    controller.abort(new Error('user cancelled'));
    await expect(promise).rejects.toThrow('user cancelled');
    expect(server.calls()).toBe(1);
    expect(events.at(-1)).toMatchObject({type: 'give-up', reason: 'aborted'});
  });
});

describe('decideRetry (pure)', () => {
  const base = {
    attempt: 1,
    maxAttempts: 3,
    retryable: true,
    throttleAllows: true,
    now: 0,
    backoff: constantBackoff(100),
    backoffState: undefined,
    random: () => 0.5,
  };
  it('checks in A6 order: code, pushback, attempts, throttle, deadline', () => {
    expect(decideRetry({...base, retryable: false, pushback: {kind: 'stop'}})).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
    expect(decideRetry({...base, pushback: {kind: 'stop'}, attempt: 3})).toEqual({
      retry: false,
      reason: 'pushback-stop',
    });
    expect(decideRetry({...base, attempt: 3, throttleAllows: false})).toEqual({retry: false, reason: 'max-attempts'});
    expect(decideRetry({...base, throttleAllows: false})).toEqual({retry: false, reason: 'throttled'});
    expect(decideRetry({...base, deadline: 100})).toEqual({retry: false, reason: 'deadline'});
    expect(decideRetry({...base, deadline: 101})).toMatchObject({retry: true, delayMs: 100, source: 'backoff'});
    expect(decideRetry({...base, pushback: {kind: 'delay', delayMs: 5}})).toEqual({
      retry: true,
      delayMs: 5,
      source: 'pushback',
      backoffState: undefined,
    });
  });
});
