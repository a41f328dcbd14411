import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {AdaptiveThrottle, rejectionProbability, verdictOf} from './adaptive-throttle';
import {seededRandom} from './random';
import {VirtualClock} from './virtual-clock';

describe('adaptive throttling (SRE book, "Handling Overload")', () => {
  it('the formula: max(0, (requests − K·accepts) / (requests + 1))', () => {
    expect(rejectionProbability(100, 100)).toBe(0);
    expect(rejectionProbability(100, 50)).toBe(0); // K = 2: 100 − 100
    expect(rejectionProbability(100, 25)).toBeCloseTo(50 / 101, 12);
    expect(rejectionProbability(10, 0)).toBeCloseTo(10 / 11, 12);
    expect(rejectionProbability(100, 25, 1.1)).toBeCloseTo(72.5 / 101, 12);
    expect(rejectionProbability(0, 0)).toBe(0);
  });

  it('stays at 0 while the backend accepts, rises as it rejects, over a 2-minute window', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random: seededRandom(1)});
    expect([throttle.k, throttle.windowMs]).toEqual([2, 120_000]);
    for (let i = 0; i < 10; i++) {
      await throttle.execute(() => 'ok');
      await clock.advance(1_000);
    }
    expect(throttle.counts()).toEqual({requests: 10, accepts: 10});
    expect(throttle.probability()).toBe(0);
    // 30 overload rejections → requests 40, accepts 10: p = (40 − 20)/41
    for (let i = 0; i < 30; i++) {
      await throttle
        .execute(() => Promise.reject(new ConnectError('overloaded', Code.ResourceExhausted)))
        .catch(() => {});
      await clock.advance(1_000);
    }
    expect(throttle.counts()).toEqual({requests: 40, accepts: 10});
    expect(throttle.probability()).toBeCloseTo(20 / 41, 12);
    // the first 10 requests (t = 0…9 s) leave the window at t = 120…129 s
    await clock.advance(120_000 - 40_000 + 5_000); // now = 125 000
    expect(throttle.counts()).toEqual({requests: 34, accepts: 4});
    expect(throttle.probability()).toBeCloseTo((34 - 8) / 35, 12);
  });

  it('drops about p of the requests locally, counting them as requests', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random: seededRandom(5)});
    let backendCalls = 0;
    const overloaded = async () => {
      backendCalls++;
      throw new ConnectError('overloaded', Code.ResourceExhausted);
    };
    let local = 0;
    for (let i = 0; i < 1_000; i++) {
      await throttle.execute(overloaded).catch((e: {kind?: string}) => {
        if (e.kind === 'throttled') local++;
      });
      await clock.advance(10); // all within the window
    }
    expect(local + backendCalls).toBe(1_000);
    // with no accepts, p → requests/(requests+1): almost everything is dropped locally
    expect(local).toBeGreaterThan(950);
    expect(throttle.probability()).toBeCloseTo(1_000 / 1_001, 9);
  });

  it("what counts as accepted: Envoy admission control's default gRPC success codes; CANCELED is ignored", () => {
    const verdicts = Object.fromEntries(
      [
        Code.Canceled,
        Code.Unknown,
        Code.InvalidArgument,
        Code.DeadlineExceeded,
        Code.NotFound,
        Code.AlreadyExists,
        Code.PermissionDenied,
        Code.ResourceExhausted,
        Code.FailedPrecondition,
        Code.Aborted,
        Code.OutOfRange,
        Code.Unimplemented,
        Code.Internal,
        Code.Unavailable,
        Code.DataLoss,
        Code.Unauthenticated,
      ].map((code) => [Code[code], verdictOf(new ConnectError('x', code))]),
    );
    expect(verdicts).toEqual({
      Canceled: 'ignored',
      Unknown: 'accepted',
      InvalidArgument: 'accepted',
      DeadlineExceeded: 'not-accepted',
      NotFound: 'accepted',
      AlreadyExists: 'accepted',
      PermissionDenied: 'not-accepted',
      ResourceExhausted: 'not-accepted',
      FailedPrecondition: 'accepted',
      Aborted: 'not-accepted',
      OutOfRange: 'accepted',
      Unimplemented: 'accepted',
      Internal: 'not-accepted',
      Unavailable: 'not-accepted',
      DataLoss: 'not-accepted',
      Unauthenticated: 'accepted',
    });
  });

  it('application errors count as accepts (the backend answered); overload refusals do not', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock});
    await throttle.execute(() => Promise.reject(new ConnectError('nope', Code.NotFound))).catch(() => {});
    await throttle.execute(() => Promise.reject(new ConnectError('busy', Code.Unavailable))).catch(() => {});
    expect(throttle.counts()).toEqual({requests: 2, accepts: 1});
  });

  /** 600 calls, 10 ms apart, each outliving its 100 ms deadline against a backend that takes 1 s. */
  async function slowBackend(random = seededRandom(3)) {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random, windowMs: 10_000});
    let reached = 0;
    const calls: Promise<unknown>[] = [];
    const run = async () => {
      for (let i = 0; i < 600; i++) {
        calls.push(
          throttle
            .execute(async () => {
              reached++;
              await clock.sleep(100); // the deadline passes long before the 1 s answer
              throw new ConnectError('deadline exceeded', Code.DeadlineExceeded);
            })
            .catch(() => {}),
        );
        await clock.sleep(10);
      }
      await Promise.all(calls);
    };
    await clock.runUntil(run());
    return {reached, throttle};
  }

  it('DEADLINE_EXCEEDED is not an accept: a backend overloaded by slowness gets throttled', async () => {
    const {reached, throttle} = await slowBackend();
    expect(throttle.probability()).toBeGreaterThan(0.9);
    expect(reached).toBeLessThan(100); // of 600; counted as accepts, 592 reached it and p stayed 0
  });

  it('CANCELED by the caller counts as neither request nor accept', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random: seededRandom(2)});
    let reached = 0;
    for (let i = 0; i < 200; i++) {
      const controller = new AbortController();
      const call = throttle.execute(async ({signal}) => {
        reached++;
        await new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new ConnectError('cancelled', Code.Canceled))),
        );
      }, controller.signal);
      controller.abort();
      await call.catch(() => {});
    }
    expect(reached).toBe(200);
    expect(throttle.counts()).toEqual({requests: 0, accepts: 0});
    expect(throttle.probability()).toBe(0);
  });

  it('requests in flight are not rejections: 20 calls to a healthy 200 ms backend all go through', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random: seededRandom(4)});
    let dropped = 0;
    const run = async () => {
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 20; i++) {
        calls.push(
          throttle
            .execute(() => clock.sleep(200).then(() => 'ok'))
            .catch(() => {
              dropped++;
            }),
        );
        await clock.sleep(10);
      }
      await Promise.all(calls);
    };
    await clock.runUntil(run());
    expect(dropped).toBe(0);
    expect(throttle.counts()).toEqual({requests: 20, accepts: 20});
  });
});
