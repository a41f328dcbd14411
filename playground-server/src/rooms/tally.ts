import {type Bin, OUTCOMES, type Outcome, type RoomAggregate} from '../../../src/contract/room.js';

/** Resolution of the recovery timeline: fine enough to tell retry waves 100 ms apart. */
export const BIN_MS = 100;
const HISTORY_MS = 60_000;
const SLOTS = HISTORY_MS / BIN_MS;
const RECOVERY_BEFORE_MS = 3_000;
const RECOVERY_AFTER_MS = 12_000;

interface MutableBin {
  t: number;
  first: number;
  retries: number;
  outcomes: Record<Outcome, number>;
}

const emptyBin = (t: number): MutableBin => ({
  t,
  first: 0,
  retries: 0,
  outcomes: Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>,
});

function add(bin: MutableBin, outcome: Outcome, retry: boolean): void {
  if (retry) bin.retries++;
  else bin.first++;
  bin.outcomes[outcome]++;
}

function addInto(target: MutableBin, source: MutableBin): void {
  target.first += source.first;
  target.retries += source.retries;
  for (const outcome of OUTCOMES) target.outcomes[outcome] += source.outcomes[outcome];
}

/**
 * A room's call counts: a ring of 100 ms bins over the last minute (fixed
 * memory however busy the room), totals since the facilitator's last switch, and a
 * frozen-once-filled timeline from 3 s before to 12 s after the last
 * recovery. Calls are binned by when they arrived, so a wave of retries
 * shows where it hit the Router, whatever latency it then got.
 */
export class Tally {
  private readonly ring: MutableBin[] = Array.from({length: SLOTS}, () => emptyBin(-Infinity));
  private totals = emptyBin(0);
  private totalsSince: number;
  private recovery: {at: number; bins: MutableBin[]} | undefined;

  /** `startedAt`: when the room's first scenario began, where its totals count from. */
  constructor(startedAt: number) {
    this.totalsSince = startedAt;
  }

  record(arrivedAt: number, outcome: Outcome, retry: boolean): void {
    add(this.slot(arrivedAt), outcome, retry);
    add(this.totals, outcome, retry);
    const bins = this.recovery?.bins;
    const index = bins ? Math.floor((arrivedAt - bins[0]!.t) / BIN_MS) : -1;
    if (bins && index >= 0 && index < bins.length) add(bins[index]!, outcome, retry);
  }

  /** The facilitator switched the scenario at `at`: totals count from there. */
  restartTotals(at: number): void {
    this.totals = emptyBin(0);
    this.totalsSince = at;
  }

  /**
   * The room recovered at `at`. Its timeline starts with what the ring holds
   * for the 3 s before; calls arriving up to 12 s after are added as they end.
   */
  markRecovery(at: number): void {
    // On the same 100 ms grid as the ring, so the bins before `at` are copies of its slots.
    const start = Math.floor((at - RECOVERY_BEFORE_MS) / BIN_MS) * BIN_MS;
    const bins = Array.from({length: (RECOVERY_BEFORE_MS + RECOVERY_AFTER_MS) / BIN_MS + 1}, (_, i) =>
      emptyBin(start + i * BIN_MS),
    );
    for (const bin of bins) {
      if (bin.t > at) break;
      const slot = this.ring[(bin.t / BIN_MS) % SLOTS]!;
      if (slot.t === bin.t) addInto(bin, slot);
    }
    this.recovery = {at, bins};
  }

  snapshot(now: number): Pick<RoomAggregate, 'totals' | 'perSecond' | 'recovery'> {
    const lastSecond = Math.floor(now / 1000) * 1000;
    const perSecond: Bin[] = [];
    for (let second = lastSecond - HISTORY_MS + 1000; second <= lastSecond; second += 1000) {
      const bin = emptyBin(second);
      for (let t = second; t < second + 1000; t += BIN_MS) {
        const slot = this.ring[(t / BIN_MS) % SLOTS]!;
        if (slot.t === t) addInto(bin, slot);
      }
      perSecond.push(bin);
    }
    const {first, retries, outcomes} = this.totals;
    return {
      totals: {since: this.totalsSince, calls: first + retries, first, retries, outcomes: {...outcomes}},
      perSecond,
      ...(this.recovery ? {recovery: {at: this.recovery.at, binMs: BIN_MS, bins: this.recovery.bins.map(copy)}} : {}),
    };
  }

  private slot(at: number): MutableBin {
    const t = Math.floor(at / BIN_MS) * BIN_MS;
    const index = (t / BIN_MS) % SLOTS;
    let slot = this.ring[index]!;
    if (slot.t !== t) {
      slot = emptyBin(t);
      this.ring[index] = slot;
    }
    return slot;
  }
}

function copy(bin: MutableBin): Bin {
  return {...bin, outcomes: {...bin.outcomes}};
}
