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
 * clients × 5 strategies runs in a blink in the browser. It makes the *same
 * decisions with the same code* as real clients: every retry goes through
 * `decideRetry` and the `Backoff` functions of packages/resilience/src, and
 * `occ-async.ts` runs the identical process as async clients calling
 * `retry()` on a VirtualClock — a test checks that both give identical
 * results for the same seed.
 *
 * Only the row is shared, so only the moments a message reaches the row are
 * events: a read, a conditional write. What a client does in between —
 * learn the answer, back off, send the next request — depends on nothing but
 * its own state and its own random stream (`clientRandoms`), so it is worked
 * out at once, in the order the client would do it, and lands as the
 * client's next event. Two events per attempt instead of four.
 */
import type {Backoff} from '../src/backoff';
import type {Random} from '../src/random';
import {mixSeed, seededRandom} from '../src/random';
import {decideRetry, type RetryDecisionInput} from '../src/retry';
import type {NetworkModel} from './network';
import {hopSampler, OccRow} from './network';

export interface OccRunOptions {
  clients: number;
  backoff: Backoff;
  /** Seeds the clients' own streams (see `clientRandoms`). */
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

/**
 * One random stream per client, seeded from the run's stream in client
 * order: a client's draws (hops, jitter) then never depend on how its
 * events interleave with other clients', which lets the engine work a
 * client's private steps out ahead of time and still replay async clients
 * exactly.
 */
export function clientRandoms(random: Random, clients: number): Random[] {
  const seed = Math.floor(random() * 2 ** 32);
  return Array.from({length: clients}, (_, c) => seededRandom(mixSeed(seed, c)));
}

/** What a client's pending event means. */
const READ_AT_SERVER = 0; // its read request reaches the row
const WRITE_AT_SERVER = 1; // its conditional write reaches the row (sent as soon as the version came back)

/**
 * Each client has exactly one pending event at any time, so the event list
 * is a binary min-heap of client indices keyed by (time, scheduling order)
 * over flat typed arrays. Same order as TimerHeap and VirtualClock.
 */
export function runOcc(options: OccRunOptions): OccRunResult {
  const {clients, backoff, network} = options;
  const maxCalls = options.maxCalls ?? 10_000_000;
  const randoms = clientRandoms(options.random, clients);
  const hops = randoms.map((random) => hopSampler(random, network));
  const row = new OccRow();

  const at = new Float64Array(clients);
  const order = new Float64Array(clients);
  const kind = new Uint8Array(clients);
  const version = new Float64Array(clients);
  const attempts = new Float64Array(clients).fill(1);
  const backoffStates = new Array<unknown>(clients).fill(undefined);
  const heap = new Int32Array(clients);
  // One question object for every retry decision, refilled per client (decideRetry keeps none of it),
  // instead of a fresh eight-field object per conflict.
  const retryInput: RetryDecisionInput = {
    attempt: 1,
    maxAttempts: Infinity,
    retryable: true, // a version conflict (ABORTED) is always worth retrying here
    throttleAllows: true,
    now: 0,
    backoff,
    backoffState: undefined,
    random: randoms[0]!,
  };
  let size = 0;
  let seq = 0;
  let completionMs = 0;

  /** Client a's event comes before client b's: earlier, or as early and scheduled first. */
  const before = (a: number, b: number) => {
    const ta = at[a]!;
    const tb = at[b]!;
    return ta < tb || (ta === tb && order[a]! < order[b]!);
  };
  /** Puts client c in the hole at index i and moves it up past every later event. */
  const climb = (c: number, hole: number) => {
    let i = hole;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(c, heap[p]!)) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = c;
  };
  /**
   * Puts client c at the root (over the top event, whose time only grew or
   * which is gone) and sinks it. Bottom-up (Wegener, "Bottom-up-heapsort",
   * 1993): the hole goes down the smaller children to a leaf, one
   * comparison per level, then c climbs back up. A rescheduled client's next
   * event is at least two hops away, so it belongs near the leaves and the
   * climb is short — about half the comparisons of sinking it from the top.
   */
  const sinkFromRoot = (c: number) => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && before(heap[r]!, heap[l]!) ? r : l;
      heap[i] = heap[m]!;
      i = m;
    }
    climb(c, i);
  };

  for (let c = 0; c < clients; c++) {
    at[c] = hops[c]!();
    order[c] = seq++;
    kind[c] = READ_AT_SERVER;
    climb(c, size++);
  }

  while (size > 0) {
    const c = heap[0]!;
    const now = at[c]!;
    const hop = hops[c]!;
    if (kind[c] === READ_AT_SERVER) {
      // version → client, then at once the conditional write → row (summed first, as occ-async.ts sleeps them)
      version[c] = row.read();
      at[c] = now + (hop() + hop());
      kind[c] = WRITE_AT_SERVER;
    } else {
      const written = row.write(version[c]!);
      if (row.writes > maxCalls) throw new Error(`occ: more than ${maxCalls} writes; giving up`);
      const answered = now + hop(); // the result reaches the client
      if (written) {
        if (answered > completionMs) completionMs = answered;
        size--; // this client is done: the last leaf takes its place
        if (size > 0) sinkFromRoot(heap[size]!);
        continue;
      }
      retryInput.attempt = attempts[c]!;
      retryInput.now = answered;
      retryInput.backoffState = backoffStates[c];
      retryInput.random = randoms[c]!;
      const decision = decideRetry(retryInput);
      if (!decision.retry) throw new Error(`unexpected give-up: ${decision.reason}`);
      attempts[c] = attempts[c]! + 1;
      backoffStates[c] = decision.backoffState;
      // sleep out the backoff (if any), then the next read travels to the row
      const woke = decision.delayMs > 0 ? answered + decision.delayMs : answered;
      at[c] = woke + hop();
      kind[c] = READ_AT_SERVER;
    }
    order[c] = seq++;
    sinkFromRoot(c);
  }
  return {writes: row.writes, reads: row.reads, calls: row.reads + row.writes, completionMs};
}
