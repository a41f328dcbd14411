// Retry with exponential backoff and full jitter, against c-gateway's decide endpoint.
//
//   BEAMLINE_HTTP_URL      c-gateway (default http://localhost:3000, the playground-server)
//   BEAMLINE_TENANT        tenant (default demo)
//   BEAMLINE_MAX_ATTEMPTS  attempts in all, the first included (default 5)
//   BEAMLINE_FAULT         optional x-beamline-fault header: the playground fails these calls
//                          on purpose, e.g. "error=0.5;code=unavailable"
//
// Node 20, no dependencies: node exponential_backoff.js. Exit status 0 with a decision, 1 without.
import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';

const BASE_MS = 100; // the first retry waits up to 100 ms …
const CAP_MS = 2_000; // … and no backoff is ever longer than 2 s
const MAX_WAIT_MS = 5_000; // a server asking for a longer wait (Retry-After: 30) gets an answer, not a blocked caller

/**
 * Full jitter: a uniformly random wait in [0, min(cap, base·2^attempt)).
 *
 * From the AWS Architecture Blog's "Exponential Backoff And Jitter": the
 * exponential part stops a retrying client from hammering a struggling
 * server, the randomness stops many clients that failed together from coming
 * back together. Of the strategies the article compares, full jitter does the
 * least work and finishes soonest. `attempt` counts from 0.
 */
export function backoffMs(attempt, baseMs = BASE_MS, capMs = CAP_MS, random = Math.random) {
  return random() * Math.min(capMs, baseMs * 2 ** attempt);
}

/** A failure worth another try; `retryAfterMs` is the server's own advice, if it gave one. */
export class Retryable extends Error {
  constructor(reason, retryAfterMs) {
    super(reason);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Calls `call()` until it resolves, it throws something not Retryable, or attempts run out. */
export async function retry(call, maxAttempts) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (failure) {
      if (!(failure instanceof Retryable)) {
        throw failure;
      }
      if (attempt + 1 === maxAttempts) {
        console.log(`attempt ${attempt + 1}: ${failure.message}; giving up after ${maxAttempts} attempts`);
        throw failure;
      }
      // The server knows best when it can take us again (Retry-After on 429/503).
      const waitMs = failure.retryAfterMs ?? backoffMs(attempt);
      if (waitMs > MAX_WAIT_MS) {
        console.log(
          `attempt ${attempt + 1}: ${failure.message}; the server asks for ${waitMs / 1000} s, more than we wait`,
        );
        throw failure;
      }
      console.log(`attempt ${attempt + 1}: ${failure.message}; waiting ${Math.round(waitMs)} ms`);
      await sleep(waitMs);
    }
  }
}

// The same request_id on every attempt: one logical request, one id in the logs.
const requestId = `req-${randomUUID()}`;
const tenant = process.env.BEAMLINE_TENANT ?? 'demo';

/** One attempt at a decision; 429, 503 and network errors throw Retryable, other errors throw as they are. */
async function decide() {
  let response;
  try {
    response = await fetch(`${process.env.BEAMLINE_HTTP_URL ?? 'http://localhost:3000'}/api/v1/routes/decide`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Tenant-ID': tenant,
        ...(process.env.BEAMLINE_FAULT ? {'x-beamline-fault': process.env.BEAMLINE_FAULT} : {}),
      },
      body: JSON.stringify({version: '1', tenant_id: tenant, request_id: requestId, task: {type: 'chat', payload: {}}}),
      signal: AbortSignal.timeout(5_000), // per attempt: a stuck gateway must not hang the caller
    });
  } catch (error) {
    throw new Retryable(`network error: ${error.cause?.code ?? error.message}`);
  }
  const body = await response.json();
  if (response.ok) {
    return body.decision;
  }
  const reason = `HTTP ${response.status} ${body.error?.code}`;
  if (response.status === 429 || response.status === 503) {
    const retryAfter = response.headers.get('retry-after');
    throw new Retryable(reason, retryAfter === null ? undefined : Number(retryAfter) * 1000);
  }
  throw new Error(reason);
}

// Run as a script (node exponential_backoff.js), not when imported for backoffMs and retry.
if (fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const decision = await retry(decide, Number(process.env.BEAMLINE_MAX_ATTEMPTS ?? 5));
    console.log(`decision provider=${decision.provider_id} reason=${decision.reason}`);
  } catch (failure) {
    console.log(`failed: ${failure.message}`);
    process.exitCode = 1;
  }
}
