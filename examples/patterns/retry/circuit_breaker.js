// A circuit breaker in front of c-gateway, shown through a staged outage.
//
// The demo sends 8 calls during an "outage" (it asks the playground to fail
// them with the x-beamline-fault header), waits for the breaker to let a
// trial call through, then sends 3 calls after "recovery". It prints every
// call and every state change: closed -> open after 5 failures, calls
// rejected without touching the network while open, open -> half_open after
// the open period, half_open -> closed after 2 successes.
//
//   BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
//   BEAMLINE_TENANT    tenant (default demo)
//   BREAKER_OPEN_MS    how long the circuit stays open in the demo (default 2000)
//
// Node 20, no dependencies: node circuit_breaker.js. Exit status 0 when the circuit ends closed.
import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';

export class CircuitOpenError extends Error {
  constructor() {
    super('circuit open');
  }
}

/**
 * Consecutive-failure circuit breaker.
 *
 * Defaults are the profile this guide uses (seed 001): open after 5
 * consecutive failures, try again (half-open) after 30 s, close after 2
 * consecutive successes. While open, calls fail at once: a service that is
 * down gets time to recover instead of a queue of retries, and callers get an
 * answer in microseconds instead of a timeout.
 */
export class CircuitBreaker {
  state = 'closed';
  #failures = 0;
  #successes = 0;
  #openedAt = 0;

  constructor({failureThreshold = 5, openMs = 30_000, successThreshold = 2, now = () => performance.now()} = {}) {
    Object.assign(this, {failureThreshold, openMs, successThreshold, now});
  }

  /** Runs `fn` through the breaker; `isFailure(error)` says whether an error counts against the service. */
  async call(fn, isFailure = () => true) {
    if (this.state === 'open') {
      if (this.now() - this.#openedAt < this.openMs) {
        throw new CircuitOpenError();
      }
      this.#move('half_open');
    }
    let result;
    try {
      result = await fn();
    } catch (error) {
      if (isFailure(error)) {
        this.#onFailure();
      }
      throw error;
    }
    this.#onSuccess();
    return result;
  }

  #onFailure() {
    this.#successes = 0;
    this.#failures += 1;
    // One failed trial call is enough to open again.
    if (this.state === 'half_open' || this.#failures >= this.failureThreshold) {
      this.#openedAt = this.now();
      this.#move('open');
    }
  }

  #onSuccess() {
    this.#failures = 0;
    if (this.state === 'half_open' && ++this.#successes >= this.successThreshold) {
      this.#move('closed');
    }
  }

  #move(state) {
    console.log(`state: ${this.state} -> ${state}`);
    this.state = state;
    this.#successes = 0;
    if (state === 'closed') {
      this.#failures = 0;
    }
  }
}

class HttpError extends Error {
  constructor(status, code) {
    super(`HTTP ${status} ${code}`);
    this.status = status;
  }
}

/** 5xx and network errors count against the Router; a 4xx is the caller's own mistake. */
const serverTrouble = (error) => !(error instanceof HttpError) || error.status >= 500;

const tenant = process.env.BEAMLINE_TENANT ?? 'demo';

async function decide(fault) {
  const response = await fetch(`${process.env.BEAMLINE_HTTP_URL ?? 'http://localhost:3000'}/api/v1/routes/decide`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Tenant-ID': tenant, ...(fault ? {'x-beamline-fault': fault} : {})},
    body: JSON.stringify({
      version: '1',
      tenant_id: tenant,
      request_id: `req-${randomUUID()}`,
      task: {type: 'chat', payload: {}},
    }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = await response.json();
  if (!response.ok) {
    throw new HttpError(response.status, body.error?.code);
  }
  return body.decision;
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const breaker = new CircuitBreaker({openMs: Number(process.env.BREAKER_OPEN_MS ?? 2_000)});
  // The playground fails these calls on purpose; a real gateway would ignore the header.
  const phases = [
    ['outage', 'error=1;code=unavailable', 8],
    ['recovered', undefined, 3],
  ];
  let n = 0;
  for (const [phase, fault, calls] of phases) {
    if (phase === 'recovered') {
      await sleep(breaker.openMs); // let the open period run out
    }
    for (let i = 0; i < calls; i++) {
      n += 1;
      try {
        const decision = await breaker.call(() => decide(fault), serverTrouble);
        console.log(`${phase} call ${n}: ok (provider ${decision.provider_id})`);
      } catch (error) {
        console.log(
          error instanceof CircuitOpenError
            ? `${phase} call ${n}: rejected locally, circuit open`
            : `${phase} call ${n}: failed (${error.message})`,
        );
      }
    }
  }
  process.exitCode = breaker.state === 'closed' ? 0 : 1;
}
