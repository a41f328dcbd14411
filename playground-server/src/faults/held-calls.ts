import {Code, ConnectError} from '@connectrpc/connect';
import {retryHeaders} from '../limits/retry-headers.js';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** How soon a refused caller may try again: held calls end within a few seconds (latency ≤ 10 s). */
const RETRY_AFTER_MS = 1_000;

export interface HeldCalls {
  /** `sleep`, unless `max` calls are asleep already: then it rejects at once with RESOURCE_EXHAUSTED. */
  readonly sleep: Sleep;
  /** Calls asleep now. */
  held(): number;
}

/**
 * A cap on the calls the server holds in injected waits (the `latency`,
 * `jitter` and `tail` faults), all clients together. Each held call is
 * cheap, but a client that asks for 10 s of latency on thousands of calls
 * at once holds their sockets, streams and timers, and their release comes
 * as one burst; past the cap a call is refused with a message and retry
 * hints instead of held.
 */
export function createHeldCalls(max: number, sleep: Sleep): HeldCalls {
  let held = 0;
  return {
    held: () => held,
    async sleep(ms, signal) {
      if (held >= max) {
        throw new ConnectError(
          `the server already holds ${max} calls in injected latency (x-beamline-fault latency/jitter/tail); ` +
            `retry in ${RETRY_AFTER_MS} ms or ask for less latency`,
          Code.ResourceExhausted,
          retryHeaders(RETRY_AFTER_MS),
        );
      }
      held++;
      try {
        await sleep(ms, signal);
      } finally {
        held--;
      }
    },
  };
}
