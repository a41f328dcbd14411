/**
 * Scenario `occ` — the experiment of Marc Brooker's "Exponential Backoff And
 * Jitter" (AWS Architecture Blog, 2015; simulator
 * github.com/aws-samples/aws-arch-backoff-simulator): N clients each want to
 * update the same row once. A client reads the row's version, then writes
 * conditionally on it; on a conflict it backs off and starts over (read,
 * write) until its write succeeds. Every message crosses a network of
 * ~10 ms.
 *
 * The article's two measures: how many calls the clients made in total, and
 * how long until the last client finished ("completion time"). It counted
 * only the conditional writes as calls; we report both writes and
 * reads + writes.
 *
 * This is the fast engine: a discrete-event loop over flat arrays — no
 * promises, no allocation per event — so a slider sweep over 10–200
 * clients × 5 strategies runs in a blink in the browser. It makes the *same decisions with the same code* as
 * real clients: every retry goes through `decideRetry` and the `Backoff`
 * functions of src/resilience, and `occ-async.ts` runs the identical
 * process as async clients calling `retry()` on a VirtualClock — a test
 * checks that both give identical results for the same seed.
 */
import type {Backoff} from '../resilience/backoff';
import type {Random} from '../resilience/random';
import {decideRetry} from '../resilience/retry';
import type {NetworkModel} from './network';
import {hopDelay, OccRow} from './network';

export interface OccRunOptions {
  clients: number;
  backoff: Backoff;
  random: Random;
  network: NetworkModel;
  /** Safety net: give up after this many writes (default 10 000 000). */
  maxCalls?: number;
}

export interface OccRunResult {
  /** Conditional writes (the article's "calls"). */
  writes: number;
  reads: number;
  /** reads + writes. */
  calls: number;
  /** When the last client's write succeeded, ms. */
  completionMs: number;
}

/** What a client's pending event means. */
const READ_AT_SERVER = 0; // its read request reaches the server
const WRITE_AT_SERVER = 1; // its conditional write reaches the server (sent as soon as the version came back)
const WRITE_ANSWER = 2; // the write's result reaches the client
const WAKE = 3; // its backoff sleep ends

/**
 * Each client has exactly one pending event at any time (it is always
 * waiting for exactly one thing), so the event list is a binary min-heap of
 * client indices keyed by (time, scheduling order) over flat typed arrays —
 * no allocation per event. Same order as TimerHeap and VirtualClock.
 */
export function runOcc(options: OccRunOptions): OccRunResult {
  const {clients, backoff, random, network} = options;
  const maxCalls = options.maxCalls ?? 10_000_000;
  const row = new OccRow();

  const at = new Float64Array(clients);
  const order = new Float64Array(clients);
  const kind = new Uint8Array(clients);
  const value = new Float64Array(clients);
  const attempts = new Float64Array(clients).fill(1);
  const backoffStates = new Array<unknown>(clients).fill(undefined);
  const heap = new Int32Array(clients);
  let size = 0;
  let seq = 0;

  const before = (a: number, b: number) => at[a]! < at[b]! || (at[a] === at[b] && order[a]! < order[b]!);
  const siftDown = (i: number) => {
    const c = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[m]!, c)) break;
      heap[i] = heap[m]!;
      i = m;
    }
    heap[i] = c;
  };
  const siftUp = (i: number) => {
    const c = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(c, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = c;
  };
  /** Sets client c's next event (it is not in the heap, or it is the top about to be re-sifted). */
  const set = (c: number, time: number, k: number, v = 0) => {
    at[c] = time;
    order[c] = seq++;
    kind[c] = k;
    value[c] = v;
  };

  for (let c = 0; c < clients; c++) {
    set(c, hopDelay(random, network), READ_AT_SERVER);
    heap[size++] = c;
    siftUp(size - 1);
  }

  let now = 0;
  let done = 0;
  while (size > 0) {
    const c = heap[0]!;
    now = at[c]!;
    switch (kind[c]) {
      case READ_AT_SERVER: {
        const version = row.read();
        // version → client, then at once the conditional write → server: two hops, one event
        // (summed before adding to now, exactly as occ-async.ts does, so the float times agree)
        const twoHops = hopDelay(random, network) + hopDelay(random, network);
        set(c, now + twoHops, WRITE_AT_SERVER, version);
        break;
      }
      case WRITE_AT_SERVER:
        set(c, now + hopDelay(random, network), WRITE_ANSWER, row.write(value[c]!) ? 1 : 0);
        break;
      case WRITE_ANSWER: {
        if (value[c] === 1) {
          done++;
          heap[0] = heap[--size]!; // this client is finished: drop it
          if (size > 0) siftDown(0);
          continue;
        }
        const decision = decideRetry({
          attempt: attempts[c]!,
          maxAttempts: Infinity,
          retryable: true, // a version conflict (ABORTED) is always worth retrying here
          throttleAllows: true,
          now,
          backoff,
          backoffState: backoffStates[c],
          random,
        });
        if (!decision.retry) throw new Error(`unexpected give-up: ${decision.reason}`);
        attempts[c] = attempts[c]! + 1;
        backoffStates[c] = decision.backoffState;
        if (decision.delayMs > 0) set(c, now + decision.delayMs, WAKE);
        else set(c, now + hopDelay(random, network), READ_AT_SERVER);
        break;
      }
      case WAKE:
        set(c, now + hopDelay(random, network), READ_AT_SERVER);
        break;
    }
    siftDown(0); // the top's time only grew
    if (row.writes > maxCalls) throw new Error(`occ: more than ${maxCalls} writes; giving up`);
  }
  if (done !== clients) throw new Error(`occ: only ${done} of ${clients} clients finished`);
  return {writes: row.writes, reads: row.reads, calls: row.reads + row.writes, completionMs: now};
}
