/**
 * The simulated network and the contended row, shared by every engine.
 *
 * Network: each message takes |N(mean, sd)| ms — the AWS article's
 * simulator uses `abs(random.normalvariate(10, 2))` per hop ("Networks are
 * more likely to be a Weibull model in reality, but this is close enough").
 *
 * Row: one record with a version number (optimistic concurrency control,
 * Kung & Robinson 1981): a read returns the version; a conditional write
 * succeeds only if the version is still the one read, and bumps it.
 */
import type {Random} from '../src/random';

export interface NetworkModel {
  meanMs: number;
  sdMs: number;
}

/** The article's network: 10 ms ± 2 ms per hop. */
export const awsArticleNetwork: NetworkModel = {meanMs: 10, sdMs: 2};

/**
 * A source of hop delays for one run. Box–Muller (Box & Muller, 1958) turns
 * two uniform draws into *two* independent normals; the sampler hands out
 * both (the second on the next call), halving the draws, logarithms and
 * square roots per hop — the simulator's hottest arithmetic. Every engine
 * of a run must draw hops from one sampler in the same order to replay the
 * same run.
 */
export function hopSampler(random: Random, {meanMs, sdMs}: NetworkModel): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return Math.abs(meanMs + sdMs * spare);
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random())); // 1 − [0, 1) is (0, 1]: log(0) never happens
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return Math.abs(meanMs + sdMs * radius * Math.cos(angle));
  };
}

export class OccRow {
  version = 0;
  reads = 0;
  writes = 0;
  conflicts = 0;

  read(): number {
    this.reads++;
    return this.version;
  }

  /** Conditional write: succeeds only if nobody wrote since `expected` was read. */
  write(expected: number): boolean {
    this.writes++;
    if (expected !== this.version) {
      this.conflicts++;
      return false;
    }
    this.version++;
    return true;
  }
}
