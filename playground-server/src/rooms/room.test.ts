import {Code} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {PRESENCE_MS, Room} from './room.js';

/** A room on a virtual clock that only moves when the test says so. */
function virtualRoom(start = 1_000_000) {
  const clock = {t: start};
  const room = new Room({code: 'abc', now: () => clock.t, maxMembers: 3});
  return {room, clock, advance: (ms: number) => (clock.t += ms)};
}

const never = () => 0.999;
const always = () => 0;

describe('Room scenarios', () => {
  it('is calm at first: every call passes untouched', () => {
    const {room} = virtualRoom();
    expect(room.admit(always)).toEqual({delayMs: 0});
    expect(room.state()).toMatchObject({room: 'abc', scenario: {kind: 'calm'}});
  });

  it('brownout: every call waits the latency, the drawn share fails with UNAVAILABLE', () => {
    const {room} = virtualRoom();
    room.setScenario({kind: 'brownout', error: 0.3, latencyMs: 200});
    expect(room.admit(() => 0.29)).toMatchObject({delayMs: 200, failure: {code: Code.Unavailable, kind: 'brownout'}});
    expect(room.admit(() => 0.3)).toEqual({delayMs: 200});
  });

  it('outage: every call fails for N seconds, then the room recovers by itself at the end time', () => {
    const {room, clock, advance} = virtualRoom();
    const start = clock.t;
    expect(room.setScenario({kind: 'outage', seconds: 20})).toMatchObject({startedAt: start, endsAt: start + 20_000});
    advance(19_999);
    const verdict = room.admit(never);
    expect(verdict.failure).toMatchObject({code: Code.Unavailable, kind: 'outage'});
    expect(verdict.failure?.message).toContain('1 s more');
    advance(5_001); // nobody called at the end: recovery is still dated at the end
    expect(room.admit(always)).toEqual({delayMs: 0});
    expect(room.state()).toMatchObject({
      scenario: {kind: 'calm'},
      startedAt: start + 20_000,
      recoveredAt: start + 20_000,
    });
  });

  it('outage with a recovery capacity: after the outage the room serves at most that many calls per second', () => {
    const {room, advance} = virtualRoom();
    room.setScenario({kind: 'outage', seconds: 5, recoveryPerSecond: 3});
    advance(5_000);
    expect(room.state().scenario).toEqual({kind: 'capacity', perSecond: 3});
    const verdicts = Array.from({length: 5}, () => room.admit(always));
    expect(verdicts.filter((v) => v.failure === undefined)).toHaveLength(3);
    expect(verdicts[4]?.failure).toMatchObject({code: Code.ResourceExhausted, kind: 'capacity'});
  });

  it('shared capacity: N calls per second for everyone together, refilled evenly', () => {
    const {room, advance} = virtualRoom();
    room.setScenario({kind: 'capacity', perSecond: 10});
    const served = () => Array.from({length: 30}, () => room.admit(always)).filter((v) => !v.failure).length;
    expect(served()).toBe(10);
    advance(500);
    expect(served()).toBe(5);
    advance(1_000);
    expect(served()).toBe(10);
  });

  it('leaving a brownout or an outage by hand is a recovery; leaving calm is not', () => {
    const {room, clock, advance} = virtualRoom();
    room.setScenario({kind: 'capacity', perSecond: 5});
    expect(room.state().recoveredAt).toBeUndefined();
    room.setScenario({kind: 'brownout', error: 0.5, latencyMs: 0});
    advance(1_000);
    room.setScenario({kind: 'calm'});
    expect(room.state().recoveredAt).toBe(clock.t);
  });
});

describe('Room aggregate', () => {
  it('counts calls by outcome, first attempts apart from retries, in per-second bins', () => {
    const {room, clock, advance} = virtualRoom(1_000_000);
    room.record(clock.t, 'ok', false);
    room.record(clock.t + 10, 'unavailable', false);
    advance(1_000);
    room.record(clock.t, 'unavailable', true);
    room.record(clock.t, 'ok', true);
    const aggregate = room.aggregate();
    expect(aggregate.totals).toEqual({
      since: 1_000_000, // the room's start: no switch yet
      calls: 4,
      first: 2,
      retries: 2,
      outcomes: {ok: 2, unavailable: 2, resource_exhausted: 0, deadline_exceeded: 0, other: 0},
    });
    expect(aggregate.perSecond).toHaveLength(60);
    const [previous, last] = aggregate.perSecond.slice(-2);
    expect(previous).toMatchObject({t: 1_000_000, first: 2, retries: 0});
    expect(last).toMatchObject({t: 1_001_000, first: 0, retries: 2, outcomes: {ok: 1, unavailable: 1}});
  });

  it('forgets bins older than a minute without growing', () => {
    const {room, clock, advance} = virtualRoom(1_000_000);
    room.record(clock.t, 'ok', false);
    advance(60_000);
    room.record(clock.t, 'other', false);
    const bins = room.aggregate().perSecond;
    expect(bins.reduce((sum, bin) => sum + bin.first, 0)).toBe(1);
    expect(bins.at(-1)?.outcomes.other).toBe(1);
  });

  it('totals restart when the facilitator switches the scenario, not when an outage ends by itself', () => {
    const {room, clock, advance} = virtualRoom();
    room.record(clock.t, 'ok', false);
    room.setScenario({kind: 'outage', seconds: 1});
    room.record(clock.t, 'unavailable', false);
    const switchedAt = clock.t;
    advance(2_000);
    room.record(clock.t, 'ok', true);
    expect(room.aggregate().totals).toMatchObject({since: switchedAt, calls: 2, first: 1, retries: 1});
    expect(room.state().startedAt).toBe(switchedAt + 1_000); // the calm that followed: not where totals count from
  });

  it('keeps a 100 ms timeline from 3 s before to 12 s after the last recovery, where waves show', () => {
    // Off the 100 ms grid on purpose: bins stay on it.
    const {room, clock, advance} = virtualRoom(1_000_050);
    room.setScenario({kind: 'outage', seconds: 10});
    advance(8_000);
    room.record(clock.t, 'unavailable', true); // 2 s before the recovery
    advance(2_000); // the outage ends now
    const recoveryAt = clock.t;
    // A herd: retries without jitter arrive together at +100 ms and +300 ms.
    advance(100);
    for (let i = 0; i < 5; i++) room.record(clock.t, 'ok', true);
    advance(200);
    for (let i = 0; i < 3; i++) room.record(clock.t, 'ok', true);
    advance(20_000); // long after: the timeline is kept
    const recovery = room.aggregate().recovery!;
    expect(recovery.at).toBe(recoveryAt);
    expect(recovery.binMs).toBe(100);
    expect(recovery.bins).toHaveLength(151);
    const retries = recovery.bins.map((bin) => bin.retries);
    expect(retries[10]).toBe(1);
    expect(retries[31]).toBe(5);
    expect(retries[33]).toBe(3);
    expect(retries.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('counts a session as a participant for a minute after it was last seen, and bounds how many it tracks', () => {
    const {room, advance} = virtualRoom();
    room.touch('a');
    room.touch('b');
    expect(room.aggregate().participants).toBe(2);
    advance(PRESENCE_MS - 1);
    room.touch('b');
    for (const session of ['c', 'd', 'e']) room.touch(session);
    expect(room.aggregate().participants).toBe(3);
    advance(PRESENCE_MS + 1);
    expect(room.aggregate().participants).toBe(0);
  });
});

describe('a herd at the recovery, in virtual time', () => {
  /**
   * 20 clients hit a 2 s outage together and retry with exponential backoff
   * (base 100 ms, doubling); the room recovers into a capacity of 10 calls/s.
   * Returns the share of the post-recovery retries that arrived in the
   * busiest 100 ms bin of the room's recovery timeline.
   */
  function herd(delayOf: (attempt: number) => number): number {
    const {room, clock} = virtualRoom(2_000_000);
    room.setScenario({kind: 'outage', seconds: 2, recoveryPerSecond: 10});
    const start = clock.t;
    const queue = Array.from({length: 20}, () => ({at: start, attempt: 0}));
    while (queue.length > 0) {
      queue.sort((a, b) => a.at - b.at);
      const call = queue.shift()!;
      clock.t = call.at;
      const verdict = room.admit(() => 0.5);
      room.record(
        call.at,
        verdict.failure ? (verdict.failure.code === Code.Unavailable ? 'unavailable' : 'resource_exhausted') : 'ok',
        call.attempt > 0,
      );
      if (verdict.failure && call.attempt < 8)
        queue.push({at: call.at + delayOf(call.attempt), attempt: call.attempt + 1});
    }
    clock.t = start + 20_000;
    const recovery = room.aggregate().recovery!;
    const after = recovery.bins.filter((bin) => bin.t >= recovery.at).map((bin) => bin.retries);
    return Math.max(...after) / after.reduce((sum, n) => sum + n, 0);
  }

  it('shows retries without jitter arriving in waves, and full jitter spreading them', () => {
    let seed = 7;
    // A small LCG: the same "random" delays on every run.
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const plain = herd((attempt) => 100 * 2 ** attempt);
    const fullJitter = herd((attempt) => random() * 100 * 2 ** attempt);
    // All 20 arrive in one bin at +1.1 s, the capacity serves 10, the other 10 come back together.
    expect(plain).toBeGreaterThanOrEqual(0.5);
    expect(fullJitter).toBeLessThan(0.25);
  });
});
