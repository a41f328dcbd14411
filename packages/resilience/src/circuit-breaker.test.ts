import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {seed001Profile} from './breaker-defaults';
import type {StateChange} from './circuit-breaker';
import {CircuitBreaker} from './circuit-breaker';
import {ConsecutiveBreaker} from './consecutive-breaker';
import {echoClient} from './echo-service.testkit';
import {fail, ok, outcome} from './breaker.testkit';
import {RejectedError} from './errors';
import {circuitBreakerInterceptor} from './policy-interceptor';
import {VirtualClock} from './virtual-clock';

describe('CircuitBreaker with seed 001 profile (5 failures → open 30 s → 2 successes close)', () => {
  it('walks closed → open → half-open → closed with exact times', async () => {
    const clock = new VirtualClock();
    const changes: StateChange[] = [];
    const breaker = new CircuitBreaker(seed001Profile({clock, onStateChange: (c) => changes.push(c)}));

    for (let i = 0; i < 4; i++) {
      await clock.advance(100);
      expect(await outcome(breaker, fail)).toBe('failed');
    }
    expect(breaker.state).toBe('closed');
    await clock.advance(100);
    expect(await outcome(breaker, fail)).toBe('failed'); // 5th, at t = 500
    expect(breaker.state).toBe('open');
    expect(changes).toEqual([{from: 'closed', to: 'open', at: 500}]);

    await clock.advance(29_999);
    expect(await outcome(breaker, ok)).toBe('rejected'); // fails fast, never calls
    expect(breaker.retryAfterMs).toBe(1);
    await clock.advance(1);
    expect(breaker.state).toBe('half-open');
    expect(changes.at(-1)).toEqual({from: 'open', to: 'half-open', at: 30_500});

    expect(await outcome(breaker, ok)).toBe('ok');
    expect(breaker.state).toBe('half-open'); // one success is not enough
    await clock.advance(10);
    expect(await outcome(breaker, ok)).toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(changes.at(-1)).toEqual({from: 'half-open', to: 'closed', at: 30_510});
  });

  it('a failed probe re-opens for another 30 s; the half-open transition time is exact even if observed late', async () => {
    const clock = new VirtualClock();
    const changes: StateChange[] = [];
    const breaker = new CircuitBreaker(seed001Profile({clock, onStateChange: (c) => changes.push(c)}));
    for (let i = 0; i < 5; i++) await outcome(breaker, fail);
    await clock.advance(45_000); // nobody looks for 45 s
    expect(await outcome(breaker, ok)).toBe('ok'); // probe 1 (half-open since 30 000)
    expect(await outcome(breaker, fail)).toBe('failed'); // probe 2 fails
    expect(breaker.state).toBe('open');
    expect(changes.map((c) => [c.to, c.at])).toEqual([
      ['open', 0],
      ['half-open', 30_000],
      ['open', 45_000],
    ]);
    await clock.advance(29_999);
    expect(breaker.state).toBe('open');
    await clock.advance(1);
    expect(breaker.state).toBe('half-open');
  });

  it('admits one probe at a time while half-open', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker(seed001Profile({clock}));
    for (let i = 0; i < 5; i++) await outcome(breaker, fail);
    await clock.advance(30_000);
    const slow = breaker.execute(async () => {
      await clock.sleep(100);
      return 'slow ok';
    });
    expect(await outcome(breaker, ok)).toBe('rejected');
    await clock.runUntil(slow);
    expect(await outcome(breaker, ok)).toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('the rejection is a ConnectError UNAVAILABLE "circuit open" with retryAfterMs', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker(seed001Profile({clock}));
    for (let i = 0; i < 5; i++) await outcome(breaker, fail);
    await clock.advance(10_000);
    const error = await breaker.execute(ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toBeInstanceOf(RejectedError);
    expect(error).toMatchObject({code: Code.Unavailable, kind: 'circuit-open', retryAfterMs: 20_000});
    expect((error as Error).message).toContain('circuit open');
  });

  it('caller errors (INVALID_ARGUMENT) do not count; a success resets the consecutive count', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker(seed001Profile({clock}));
    for (let i = 0; i < 4; i++) await outcome(breaker, fail);
    await outcome(breaker, () => Promise.reject(new ConnectError('bad', Code.InvalidArgument)));
    expect(breaker.state).toBe('closed');
    await outcome(breaker, ok);
    for (let i = 0; i < 4; i++) await outcome(breaker, fail);
    expect(breaker.state).toBe('closed');
    await outcome(breaker, fail);
    expect(breaker.state).toBe('open');
  });

  it('ignores the late result of a call started before the circuit opened', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({breaker: new ConsecutiveBreaker(1), openMs: 1_000, clock});
    const slow = breaker.execute(async () => {
      await clock.sleep(50);
      return 'late success';
    });
    await outcome(breaker, fail); // opens at 0
    await clock.runUntil(slow);
    expect(breaker.state).toBe('open'); // the late success did not close it
  });
});

/** A call whose outcome the test decides. */
function pending() {
  let resolve!: (value: string) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return {fn: () => promise, resolve, reject};
}

describe('results of calls admitted in an earlier state are ignored (each guard on its own)', () => {
  const make = (clock: VirtualClock) =>
    new CircuitBreaker({
      breaker: new ConsecutiveBreaker(1),
      openMs: 1_000,
      halfOpen: {permittedCalls: 2, successesToClose: 1},
      clock,
    });
  /** Opens the circuit, waits it out, and admits two probes. */
  async function twoProbes(breaker: CircuitBreaker, clock: VirtualClock) {
    await outcome(breaker, fail);
    await clock.advance(1_000);
    const a = pending();
    const b = pending();
    const calls = [breaker.execute(a.fn), breaker.execute(b.fn)].map((call) => call.catch(() => 'settled'));
    return {a, b, calls};
  }

  it('a late probe success from an earlier half-open does not close the circuit', async () => {
    const clock = new VirtualClock();
    const breaker = make(clock);
    const {a, b, calls} = await twoProbes(breaker, clock);
    a.reject(new ConnectError('down', Code.Unavailable)); // re-opens
    await calls[0];
    await clock.advance(1_000);
    expect(breaker.state).toBe('half-open');
    b.resolve('late'); // a probe of the previous half-open
    await calls[1];
    expect(breaker.state).toBe('half-open');
  });

  it('a late failure of a call admitted while closed does not re-open a circuit that closed since', async () => {
    const clock = new VirtualClock();
    const breaker = make(clock);
    const slow = pending();
    const call = breaker.execute(slow.fn).catch(() => 'settled');
    await outcome(breaker, fail); // opens
    await clock.advance(1_000);
    expect(await outcome(breaker, ok)).toBe('ok'); // the probe closes it
    slow.reject(new ConnectError('down', Code.Unavailable));
    await call;
    expect(breaker.state).toBe('closed');
  });

  it('a late ignored error (CANCELED) of an earlier probe does not free a probe slot of the current half-open', async () => {
    const clock = new VirtualClock();
    const breaker = make(clock);
    const first = await twoProbes(breaker, clock);
    first.a.reject(new ConnectError('down', Code.Unavailable)); // re-opens
    await first.calls[0];
    await clock.advance(1_000);
    const c = pending();
    const d = pending();
    const current = [breaker.execute(c.fn), breaker.execute(d.fn)].map((call) => call.catch(() => 'settled'));
    first.b.reject(new ConnectError('cancelled', Code.Canceled)); // stale and ignored
    await first.calls[1];
    expect(await outcome(breaker, ok)).toBe('rejected'); // both slots still taken by c and d
    c.resolve('ok');
    d.resolve('ok');
    await Promise.all(current);
  });
});

describe('circuitBreakerInterceptor', () => {
  it('stops calling the server once open, then probes after openMs', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker(seed001Profile({clock}));
    let calls = 0;
    let healthy = false;
    const client = echoClient(() => {
      calls++;
      if (!healthy) throw new ConnectError('down', Code.Unavailable);
      return 'up';
    }, [circuitBreakerInterceptor(breaker)]);
    for (let i = 0; i < 5; i++) await client.say({value: 'x'}).catch(() => {});
    expect(calls).toBe(5);
    const error = await client.say({value: 'x'}).catch((e: unknown) => e);
    expect(error).toMatchObject({code: Code.Unavailable, rawMessage: 'circuit open'});
    expect(calls).toBe(5); // never reached the server
    healthy = true;
    await clock.advance(30_000);
    await client.say({value: 'x'});
    await client.say({value: 'x'});
    expect(breaker.state).toBe('closed');
    expect(calls).toBe(7);
  });
});
