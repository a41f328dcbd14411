import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {type HedgeEvent, hedge} from './hedge';
import {RetryThrottle} from './retry-throttle';
import {VirtualClock} from './virtual-clock';

/** One scripted answer per attempt: after `ms`, OK or the given code (and pushback header). */
type Script = Record<number, {ms: number; code?: Code; pushback?: string}>;

function backend(clock: VirtualClock, script: Script) {
  const started: Record<number, number> = {};
  const aborted: number[] = [];
  const call = async ({attempt, signal}: {attempt: number; signal: AbortSignal}) => {
    started[attempt] = clock.now();
    const answer = script[attempt] ?? {ms: 10_000};
    signal.addEventListener('abort', () => aborted.push(attempt), {once: true});
    await clock.sleep(answer.ms, signal);
    if (answer.code !== undefined) {
      const metadata = new Headers(answer.pushback ? {'grpc-retry-pushback-ms': answer.pushback} : {});
      throw new ConnectError(`attempt ${attempt} failed`, answer.code, metadata);
    }
    return `answer ${attempt}`;
  };
  return {call, started, aborted};
}

function run(script: Script, options: Partial<Parameters<typeof hedge>[1]> = {}) {
  const clock = new VirtualClock();
  const server = backend(clock, script);
  const events: HedgeEvent[] = [];
  const result = hedge(server.call, {
    maxAttempts: 4,
    hedgingDelayMs: 500,
    nonFatalCodes: [Code.Unavailable, Code.Internal],
    clock,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const settled = clock.runUntil(result).then(
    (value) => ({value, error: undefined, at: clock.now()}),
    (error: unknown) => ({value: undefined, error: ConnectError.from(error), at: clock.now()}),
  );
  return {settled, server, events, clock};
}

describe('hedge (gRFC A6 hedgingPolicy)', () => {
  it('sends the original at once and one more each hedgingDelay, up to maxAttempts (A6: 0, 500, 1000, 1500 ms)', async () => {
    const {settled, server} = run({}, {timeoutMs: 1_800});
    const {error, at} = await settled;
    expect(server.started).toEqual({1: 0, 2: 500, 3: 1000, 4: 1500});
    expect(error?.code).toBe(Code.DeadlineExceeded);
    expect(at).toBe(1_800);
    expect(server.aborted.sort()).toEqual([1, 2, 3, 4]);
  });

  it('returns the first OK and cancels the attempts still in flight', async () => {
    const {settled, server, events} = run({1: {ms: 800}, 2: {ms: 50}}, {hedgingDelayMs: 100});
    const {value, at} = await settled;
    expect(value).toBe('answer 2');
    expect(at).toBe(150);
    expect(server.aborted).toEqual([1]);
    expect(events).toContainEqual({type: 'attempt-end', attempt: 1, outcome: 'cancelled', latencyMs: 150});
    expect(events).toContainEqual({type: 'done', winner: 2, sent: 2, outcome: 'ok'});
  });

  it('sends the next hedge at once after a non-fatal code, then resumes the hedgingDelay from there', async () => {
    const {settled, server} = run(
      {1: {ms: 30, code: Code.Unavailable}, 2: {ms: 1000}, 3: {ms: 10}},
      {hedgingDelayMs: 100},
    );
    const {value} = await settled;
    expect(server.started).toEqual({1: 0, 2: 30, 3: 130});
    expect(value).toBe('answer 3');
  });

  it('a fatal code ends the call with that error and cancels the rest', async () => {
    const {settled, server} = run({1: {ms: 1000}, 2: {ms: 20, code: Code.InvalidArgument}}, {hedgingDelayMs: 100});
    const {error, at} = await settled;
    expect(error?.code).toBe(Code.InvalidArgument);
    expect(at).toBe(120);
    expect(Object.keys(server.started)).toEqual(['1', '2']);
    expect(server.aborted).toEqual([1]);
  });

  it('when every attempt fails non-fatally the last error is the answer, with no retries after', async () => {
    const fail = {ms: 10, code: Code.Unavailable};
    const {settled, server} = run({1: fail, 2: fail, 3: fail, 4: {ms: 10, code: Code.Internal}});
    const {error, at} = await settled;
    expect(error?.code).toBe(Code.Internal);
    expect(server.started).toEqual({1: 0, 2: 10, 3: 20, 4: 30});
    expect(at).toBe(40);
  });

  it('treats maxAttempts above 5 as 5 and rejects fewer than 2', async () => {
    const {settled, server} = run({}, {maxAttempts: 9, hedgingDelayMs: 0, timeoutMs: 100});
    await settled;
    expect(Object.keys(server.started)).toHaveLength(5);
    expect(() => hedge(async () => 1, {maxAttempts: 1, hedgingDelayMs: 0})).toThrow(/greater than 1/);
  });

  it('hedgingDelay 0 sends every attempt at once', async () => {
    const {settled, server} = run({3: {ms: 5}}, {maxAttempts: 3, hedgingDelayMs: 0});
    expect((await settled).value).toBe('answer 3');
    expect(server.started).toEqual({1: 0, 2: 0, 3: 0});
  });

  it('sends no hedge while the A6 throttle is at or below half its tokens, but always the original', async () => {
    const throttle = new RetryThrottle({maxTokens: 10, tokenRatio: 0.1});
    for (let i = 0; i < 5; i++) throttle.recordFailure();
    const {settled, server, events} = run({1: {ms: 700}}, {throttle});
    expect((await settled).value).toBe('answer 1');
    expect(Object.keys(server.started)).toEqual(['1']);
    expect(events).toContainEqual({type: 'throttled', attempt: 2});
  });

  it('non-fatal failures spend throttle tokens and OK earns tokenRatio; cancelled losers count for nothing', async () => {
    const throttle = new RetryThrottle({maxTokens: 10, tokenRatio: 0.5});
    const {settled} = run({1: {ms: 10, code: Code.Unavailable}, 2: {ms: 900}, 3: {ms: 5}}, {throttle});
    await settled;
    expect(throttle.tokens).toBe(10 - 1 + 0.5);
  });

  it('pushback "don\'t retry" stops further hedges; "retry in n ms" delays the next one by n', async () => {
    const stop = run({1: {ms: 10, code: Code.Unavailable, pushback: '-1'}});
    const stopped = await stop.settled;
    expect(stopped.error?.code).toBe(Code.Unavailable);
    expect(Object.keys(stop.server.started)).toEqual(['1']);

    const later = run({1: {ms: 10, code: Code.Unavailable, pushback: '300'}, 2: {ms: 5}});
    expect((await later.settled).value).toBe('answer 2');
    expect(later.server.started[2]).toBe(310);
  });

  it('the caller aborting cancels every attempt', async () => {
    const caller = new AbortController();
    const {settled, server, clock} = run({}, {signal: caller.signal});
    await clock.advance(600);
    caller.abort(new ConnectError('user left', Code.Canceled));
    const {error} = await settled;
    expect(error?.code).toBe(Code.Canceled);
    expect(server.aborted.sort()).toEqual([1, 2]);
  });
});
