import {Code} from '@connectrpc/connect';
import {LRUCache} from 'lru-cache';
import {
  describeScenario,
  type Outcome,
  type RoomAggregate,
  type RoomState,
  type Scenario,
  type ScenarioKind,
} from '../../../src/contract/room.js';
import {TokenBucket} from '@beamline/resilience/token-bucket';
import {Tally} from './tally.js';

/** How long a session counts as a participant after its last call or while its banner is open. */
export const PRESENCE_MS = 60_000;

/** What the room does to one call before the caller's own faults. */
export interface RoomVerdict {
  /** Wait this long first (brownout latency). */
  readonly delayMs: number;
  /** Then fail like this, or pass on. */
  readonly failure?: {readonly code: Code; readonly kind: ScenarioKind; readonly message: string};
}

export interface RoomOptions {
  readonly code: string;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Sessions tracked at once; the least recently seen drops out beyond it. */
  readonly maxMembers: number;
}

/**
 * One room: its scenario, the shared capacity bucket, who is in it and what
 * their calls did. Pure state on an injected clock; the caller applies the
 * verdicts (sleeps, throws) and streams the snapshots.
 */
export class Room {
  readonly code: string;
  private readonly now: () => number;
  private scenario: Scenario = {kind: 'calm'};
  private startedAt: number;
  private recoveredAt: number | undefined;
  private capacity: TokenBucket | undefined;
  private readonly members: LRUCache<string, true>;
  private readonly tally: Tally;

  constructor(options: RoomOptions) {
    this.code = options.code;
    this.now = options.now;
    this.startedAt = options.now();
    this.tally = new Tally(this.startedAt);
    this.members = new LRUCache({
      max: options.maxMembers,
      ttl: PRESENCE_MS,
      perf: {now: options.now},
      ttlResolution: 0,
    });
  }

  /** The facilitator's switch. Leaving an outage or a brownout is a recovery. */
  setScenario(scenario: Scenario): RoomState {
    const now = this.now();
    this.advance(now);
    const failing = this.scenario.kind === 'outage' || this.scenario.kind === 'brownout';
    this.enter(scenario, now);
    this.tally.restartTotals(now);
    if (failing && scenario.kind !== 'outage' && scenario.kind !== 'brownout') this.recover(now);
    return this.state();
  }

  state(): RoomState {
    this.advance(this.now());
    const endsAt = this.scenario.kind === 'outage' ? this.startedAt + this.scenario.seconds * 1000 : undefined;
    return {
      room: this.code,
      scenario: this.scenario,
      startedAt: this.startedAt,
      ...(endsAt === undefined ? {} : {endsAt}),
      ...(this.recoveredAt === undefined ? {} : {recoveredAt: this.recoveredAt}),
    };
  }

  /** Marks `session` present (a call, or its banner still open). */
  touch(session: string): void {
    this.members.set(session, true);
  }

  /** Decides what the scenario does to a call arriving now; `random` is uniform in [0, 1). */
  admit(random: () => number): RoomVerdict {
    this.advance(this.now());
    const scenario = this.scenario;
    switch (scenario.kind) {
      case 'calm':
        return {delayMs: 0};
      case 'outage': {
        const left = Math.max(1, Math.ceil((this.startedAt + scenario.seconds * 1000 - this.now()) / 1000));
        return {
          delayMs: 0,
          failure: {
            code: Code.Unavailable,
            kind: 'outage',
            message: `room "${this.code}" outage: the Router is down for the whole room for ${left} s more`,
          },
        };
      }
      case 'brownout':
        return random() < scenario.error
          ? {
              delayMs: scenario.latencyMs,
              failure: {
                code: Code.Unavailable,
                kind: 'brownout',
                message: `room "${this.code}" brownout: ${describeScenario(scenario)}`,
              },
            }
          : {delayMs: scenario.latencyMs};
      case 'capacity':
        return this.capacity?.tryTake()
          ? {delayMs: 0}
          : {
              delayMs: 0,
              failure: {
                code: Code.ResourceExhausted,
                kind: 'capacity',
                message: `room "${this.code}" over capacity: the Router serves at most ${scenario.perSecond} calls/s for the whole room`,
              },
            };
    }
  }

  /** Counts a finished call under the time it arrived. */
  record(arrivedAt: number, outcome: Outcome, retry: boolean): void {
    this.advance(this.now());
    this.tally.record(arrivedAt, outcome, retry);
  }

  aggregate(): RoomAggregate {
    const now = this.now();
    this.advance(now);
    this.members.purgeStale();
    return {room: this.code, at: now, participants: this.members.size, ...this.tally.snapshot(now)};
  }

  /** An outage ends by itself: at its end time, not when someone next looks. */
  private advance(now: number): void {
    const scenario = this.scenario;
    if (scenario.kind !== 'outage') return;
    const endsAt = this.startedAt + scenario.seconds * 1000;
    if (now < endsAt) return;
    this.enter(
      scenario.recoveryPerSecond === undefined
        ? {kind: 'calm'}
        : {kind: 'capacity', perSecond: scenario.recoveryPerSecond},
      endsAt,
    );
    this.recover(endsAt);
  }

  private enter(scenario: Scenario, at: number): void {
    this.scenario = scenario;
    this.startedAt = at;
    const perSecond = scenario.kind === 'capacity' ? scenario.perSecond : undefined;
    // A bucket of one second's worth: at most `perSecond` calls in any second, refilled evenly.
    this.capacity =
      perSecond === undefined
        ? undefined
        : new TokenBucket({capacity: perSecond, refillPerSecond: perSecond, clock: {now: this.now, sleep: noSleep}});
  }

  private recover(at: number): void {
    this.recoveredAt = at;
    this.tally.markRecovery(at);
  }
}

const noSleep = () => Promise.reject(new Error('the room never waits for tokens'));
