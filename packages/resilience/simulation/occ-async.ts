/**
 * Scenario `occ`, written the way a client really is: each virtual client
 * is an async function calling `retry()` from packages/resilience/src, sleeping on a
 * VirtualClock for every network hop. It reads as the lesson ("this is all
 * a client does") and serves as the reference the fast event engine
 * (occ.ts) is tested against: same seed ⇒ same calls, same completion time.
 *
 * It is slower (one macrotask turn per timer, to let promise jobs settle),
 * fine for tens of clients and for tests; the page and the CLI use occ.ts.
 */
import {Code, ConnectError} from '@connectrpc/connect';
import {retry} from '../src/retry';
import {VirtualClock} from '../src/virtual-clock';
import type {OccRunOptions, OccRunResult} from './occ';
import {clientRandoms} from './occ';
import {hopSampler, OccRow} from './network';

export async function runOccAsync(options: OccRunOptions): Promise<OccRunResult> {
  const {clients, backoff, network} = options;
  const clock = new VirtualClock();
  const row = new OccRow();

  const updateOnce = (random: () => number) => {
    const hop = hopSampler(random, network);
    return retry(
      async () => {
        await clock.sleep(hop()); // read request → row
        const version = row.read();
        await clock.sleep(hop() + hop()); // version → client, conditional write → row
        const ok = row.write(version);
        await clock.sleep(hop()); // result → client
        if (!ok) throw new ConnectError('version conflict', Code.Aborted);
      },
      {clock, random, backoff, maxAttempts: Infinity, retryableCodes: [Code.Aborted], pushback: false},
    );
  };

  await clock.runUntil(Promise.all(clientRandoms(options.random, clients).map(updateOnce)));
  return {writes: row.writes, reads: row.reads, calls: row.reads + row.writes, completionMs: clock.now()};
}
