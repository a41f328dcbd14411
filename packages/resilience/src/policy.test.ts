import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {constantBackoff} from './backoff';
import {CircuitBreaker} from './circuit-breaker';
import {ConsecutiveBreaker} from './consecutive-breaker';
import {timeoutPolicy} from './deadline';
import type {Policy} from './policy';
import {noopPolicy, wrap} from './policy';
import {retryPolicy} from './retry';
import {VirtualClock} from './virtual-clock';

const tracing = (name: string, log: string[]): Policy => ({
  async execute(fn, signal) {
    log.push(`${name}>`);
    try {
      return await fn({signal: signal ?? new AbortController().signal});
    } finally {
      log.push(`<${name}`);
    }
  },
});

describe('wrap', () => {
  it('the first policy is the outermost', async () => {
    const log: string[] = [];
    const value = await wrap(tracing('a', log), tracing('b', log), noopPolicy).execute(() => {
      log.push('fn');
      return 42;
    });
    expect(value).toBe(42);
    expect(log).toEqual(['a>', 'b>', 'fn', '<b', '<a']);
  });

  it('retry around a breaker around a per-attempt timeout', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({breaker: new ConsecutiveBreaker(2), openMs: 10_000, clock});
    const policy = wrap(
      retryPolicy({
        clock,
        maxAttempts: 5,
        retryableCodes: [Code.Unavailable, Code.DeadlineExceeded],
        backoff: constantBackoff(100),
      }),
      breaker,
      timeoutPolicy(50, {clock}),
    );
    let calls = 0;
    const hang = async ({signal}: {signal: AbortSignal}) => {
      calls++;
      await clock.sleep(1_000, signal);
      return 'never';
    };
    const error = await clock.runUntil(policy.execute(hang)).catch((e: unknown) => e);
    // two timeouts open the breaker; the remaining attempts are rejected fast
    expect(calls).toBe(2);
    expect(breaker.state).toBe('open');
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).rawMessage).toBe('circuit open');
    expect(clock.now()).toBe(50 + 100 + 50 + 100 + 100 + 100);
  });
});
