// Client-side rate limiting: a token bucket and a leaky bucket, against a limited server.
//
// The demo asks the playground to limit its session to 5 requests per
// second (the x-beamline-fault header "ratelimit=5/s" stands in for a
// gateway's limit), then sends 12 requests three ways: all at once, through a
// token bucket (4/s, bursts of 4) and through a leaky bucket (4/s).
// Unthrottled, the burst is refused (429); paced below the server's limit,
// nothing is.
//
//   BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
//   BEAMLINE_TENANT    tenant prefix (default demo)
//
// Node 20, no dependencies: node rate_limiter.js. Exit status 0 when both limiters kept every request under the limit.
import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';

/**
 * `capacity` tokens, refilled continuously at `rate` per second; each request
 * takes one. Allows bursts up to `capacity`, then settles at `rate`: good when
 * the other side allows bursts too (most API limits are token buckets).
 */
export class TokenBucket {
  constructor(rate, capacity, now = () => performance.now()) {
    Object.assign(this, {rate, capacity, now});
    this.tokens = capacity;
    this.updated = now();
  }

  /** Takes a token if there is one (returns 0); otherwise returns the ms until there will be. */
  tryAcquire() {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.rate) * 1000;
  }

  async acquire() {
    for (let waitMs = this.tryAcquire(); waitMs > 0; waitMs = this.tryAcquire()) {
      await sleep(waitMs);
    }
  }
}

export class QueueFullError extends Error {}

/**
 * A queue that drains at `rate` per second: requests leave evenly spaced,
 * never in bursts. Good when the other side wants a smooth rate. `maxWaitMs`
 * bounds the queue: a request that would wait longer is refused at once, so a
 * caller is told "too busy" instead of waiting behind everyone else.
 */
export class LeakyBucket {
  constructor(rate, maxWaitMs = 5_000, now = () => performance.now()) {
    Object.assign(this, {intervalMs: 1000 / rate, maxWaitMs, now});
    this.nextSlot = now();
  }

  async acquire() {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    if (slot - now > this.maxWaitMs) {
      throw new QueueFullError('queue full');
    }
    // Reserve the slot before waiting, so concurrent callers line up behind it.
    this.nextSlot = slot + this.intervalMs;
    await sleep(slot - now);
  }
}

/** One decision; returns the HTTP status. */
async function decide(tenant, session) {
  const response = await fetch(`${process.env.BEAMLINE_HTTP_URL ?? 'http://localhost:3000'}/api/v1/routes/decide`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Tenant-ID': tenant,
      // The playground limits this session to 5/s, as a gateway would limit an API key.
      'x-beamline-fault': 'ratelimit=5/s',
      'x-beamline-session': session,
    },
    body: JSON.stringify({
      version: '1',
      tenant_id: tenant,
      request_id: `req-${randomUUID()}`,
      task: {type: 'chat', payload: {}},
    }),
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer(); // read to the end, so the connection is reused
  return response.status;
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = [
    ['no limiter', undefined],
    ['token bucket 4/s burst 4', new TokenBucket(4, 4)],
    ['leaky bucket 4/s', new LeakyBucket(4)],
  ];
  let refusedWithLimiter = 0;
  for (const [name, limiter] of runs) {
    // A tenant and a session per run: each run starts with a full server-side
    // bucket, and reruns stay clear of the gateway's own per-tenant window.
    const runId = randomUUID().slice(0, 8);
    const tenant = `${process.env.BEAMLINE_TENANT ?? 'demo'}-${runId}`;
    const started = performance.now();
    // All 12 at once: a burst is concurrent, and sent one by one a slow machine would pace it by accident.
    const statuses = await Promise.all(
      Array.from({length: 12}, async () => {
        await limiter?.acquire();
        return decide(tenant, `rate-demo-${runId}`);
      }),
    );
    const count = (status) => statuses.filter((s) => s === status).length;
    if (limiter) {
      refusedWithLimiter += count(429);
    }
    console.log(
      `${name}: ${statuses.length} sent, ${count(200)} accepted, ${count(429)} refused (429) ` +
        `in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
  }
  process.exitCode = refusedWithLimiter > 0 ? 1 : 0;
}
