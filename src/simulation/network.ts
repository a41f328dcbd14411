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
import type {Random} from '../resilience/random';
import {normal} from '../resilience/random';

export interface NetworkModel {
  meanMs: number;
  sdMs: number;
}

/** The article's network: 10 ms ± 2 ms per hop. */
export const awsArticleNetwork: NetworkModel = {meanMs: 10, sdMs: 2};

export function hopDelay(random: Random, network: NetworkModel): number {
  return Math.abs(normal(random, network.meanMs, network.sdMs));
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
