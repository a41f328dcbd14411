/** The Python examples, run with Debian's python3 against a real playground-server. */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEFAULT_GATEWAY_CONFIG} from '../../playground-server/src/gateway/config.js';
import type {RunningServer} from '../../playground-server/src/server.js';
import {examples, faultsInjected, matching, metric, PYTHON, run, startPlayground} from './support.js';

let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startPlayground();
  env = {BEAMLINE_HTTP_URL: server.url, BEAMLINE_GRPC_ADDR: `127.0.0.1:${server.port}`};
});
afterAll(() => server?.close());

const client = (file: string) => path.join(examples, 'clients', 'python', file);
const pattern = (file: string) => path.join(examples, 'patterns', file);

describe('clients/python/grpc_client.py', () => {
  it('gets a decision for every call', async () => {
    const result = await run(PYTHON, [client('grpc_client.py')], {env: {...env, BEAMLINE_TENANT: 'py-grpc-ok'}});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(
      matching(result, /^call \d: decision provider=(alpha|beta) priority=\d reason=sticky expected_latency_ms=\d+$/),
    ).toHaveLength(3);
  });

  it('retries UNAVAILABLE with backoff, then the breaker opens and stops calling the server', async () => {
    const before = await faultsInjected(server, 'unavailable');
    const result = await run(PYTHON, [client('grpc_client.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-grpc-down', BEAMLINE_CALLS: '5', BEAMLINE_FAULT: 'error=1;code=unavailable'},
    });
    expect(result.code).toBe(1);
    // 3 calls × (3 retries after the first attempt), then the circuit opens.
    expect(matching(result, /^attempt [123]: UNAVAILABLE .*; retrying in \d+ ms$/)).toHaveLength(9);
    expect(matching(result, /^call [123]: failed: UNAVAILABLE/)).toHaveLength(3);
    expect(result.lines).toContain('circuit open after 3 failures');
    expect(matching(result, /^call [45]: rejected: circuit open$/)).toHaveLength(2);
    // The server saw 12 attempts, none from the rejected calls.
    expect((await faultsInjected(server, 'unavailable')) - before).toBe(12);
  });

  it('does not retry what a retry cannot fix', async () => {
    const result = await run(PYTHON, [client('grpc_client.py')], {
      env: {
        ...env,
        BEAMLINE_TENANT: 'py-grpc-bad',
        BEAMLINE_CALLS: '1',
        BEAMLINE_FAULT: 'error=1;code=invalid_argument',
      },
    });
    expect(result.code).toBe(1);
    expect(matching(result, /^attempt/)).toEqual([]);
    expect(result.lines).toEqual([expect.stringMatching(/^call 1: failed: INVALID_ARGUMENT/)]);
  });
});

describe('clients/python/http_client.py', () => {
  it('gets a decision, then sees its published message on the SSE stream', async () => {
    const result = await run(PYTHON, [client('http_client.py')], {env: {...env, BEAMLINE_TENANT: 'py-http-ok'}});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(
      /^decision provider=(alpha|beta) priority=\d reason=sticky expected_latency_ms=\d+$/,
    );
    expect(result.lines[1]).toMatch(/^stream: message_created request_id=msg-[\w-]+ provider=(alpha|beta)$/);
  });

  it("retries 503 three times through urllib3's Retry, then reports the gateway's error", async () => {
    const result = await run(PYTHON, [client('http_client.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-http-down', BEAMLINE_FAULT: 'error=1;code=unavailable'},
    });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      'attempt 1: 503; retried',
      'attempt 2: 503; retried',
      'attempt 3: 503; retried',
      expect.stringMatching(/^failed: HTTP 503 unavailable: router or NATS unavailable/),
    ]);
  });

  it('waits the Retry-After of a 429 before trying again', async () => {
    const result = await run(PYTHON, [client('http_client.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-http-429', BEAMLINE_FAULT: 'ratelimit=1/s', BEAMLINE_SESSION: 'py-http-429'},
    });
    expect(result.code).toBe(0);
    // The decision takes the session's one token; publishing is refused once (Retry-After: 1), then succeeds.
    expect(result.lines).toContain('attempt 1: 429; retried');
    expect(result.ms).toBeGreaterThanOrEqual(1_000);
  });

  it('sends Authorization when a token is given', async () => {
    const secured = await startPlayground({gateway: {...DEFAULT_GATEWAY_CONFIG, authRequired: true}});
    try {
      const urls = {BEAMLINE_HTTP_URL: secured.url, BEAMLINE_TENANT: 'py-auth'};
      const refused = await run(PYTHON, [client('http_client.py')], {env: urls});
      expect(refused.lines).toEqual(['failed: HTTP 401 unauthorized: missing Authorization header']);
      const allowed = await run(PYTHON, [client('http_client.py')], {env: {...urls, BEAMLINE_TOKEN: 't0ken'}});
      expect(allowed.code).toBe(0);
    } finally {
      await secured.close();
    }
  });
});

describe('patterns in Python', () => {
  it('exponential_backoff.py: one attempt when healthy; every attempt, with growing waits, when not', async () => {
    const ok = await run(PYTHON, [pattern('retry/exponential_backoff.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-backoff'},
    });
    expect(ok.code).toBe(0);
    expect(ok.lines).toEqual([expect.stringMatching(/^decision provider=\w+ reason=sticky$/)]);

    const down = await run(PYTHON, [pattern('retry/exponential_backoff.py')], {
      env: {
        ...env,
        BEAMLINE_TENANT: 'py-backoff',
        BEAMLINE_FAULT: 'error=1;code=unavailable',
        BEAMLINE_MAX_ATTEMPTS: '4',
      },
    });
    expect(down.code).toBe(1);
    const waits = matching(down, /^attempt [123]: HTTP 503 unavailable; waiting \d+ ms$/).map((line) =>
      Number(/(\d+) ms$/.exec(line)![1]),
    );
    expect(waits).toHaveLength(3);
    // Full jitter: each wait is below its cap, 100 · 2^n ms.
    waits.forEach((wait, n) => expect(wait).toBeLessThanOrEqual(100 * 2 ** n));
    expect(down.lines.at(-2)).toBe('attempt 4: HTTP 503 unavailable; giving up after 4 attempts');

    const overloaded = await run(PYTHON, [pattern('retry/exponential_backoff.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-backoff', BEAMLINE_FAULT: 'error=1;code=resource_exhausted'},
    });
    expect(overloaded.lines[0]).toBe(
      'attempt 1: HTTP 503 service_overloaded; the server asks for 30 s, more than we wait',
    );
  });

  it('circuit_breaker.py: opens after 5 failures, rejects locally, half-opens, closes after 2 successes', async () => {
    const before = await faultsInjected(server, 'unavailable');
    const result = await run(PYTHON, [pattern('retry/circuit_breaker.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-breaker', BREAKER_OPEN_MS: '300'},
    });
    expect(result.code).toBe(0);
    expect(matching(result, /^state:/)).toEqual([
      'state: closed -> open',
      'state: open -> half_open',
      'state: half_open -> closed',
    ]);
    expect(matching(result, /^outage call \d: failed \(HTTP 503 unavailable\)$/)).toHaveLength(5);
    expect(matching(result, /^outage call [678]: rejected locally, circuit open$/)).toHaveLength(3);
    expect(matching(result, /^recovered call (9|10|11): ok/)).toHaveLength(3);
    expect((await faultsInjected(server, 'unavailable')) - before).toBe(5);
  });

  it('rate_limiter.py: the unthrottled burst is refused, both buckets stay under the limit', async () => {
    const result = await run(PYTHON, [pattern('backpressure/rate_limiter.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-rate'},
    });
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^no limiter: 12 sent, \d+ accepted, [1-9]\d* refused \(429\)/);
    expect(result.lines[1]).toMatch(/^token bucket 4\/s burst 4: 12 sent, 12 accepted, 0 refused \(429\)/);
    expect(result.lines[2]).toMatch(/^leaky bucket 4\/s: 12 sent, 12 accepted, 0 refused \(429\)/);
  });

  it('adaptive_throttling.py: rejects locally only while the backend is overloaded', async () => {
    const result = await run(PYTHON, [pattern('backpressure/adaptive_throttling.py')], {
      env: {...env, BEAMLINE_TENANT: 'py-throttle', SEED: '1'},
    });
    expect(result.code).toBe(0);
    const phase = (name: string) => {
      const line = result.lines.find((candidate) => candidate.startsWith(`${name}:`))!;
      const [, requests, sent, rejected, accepted] =
        /(\d+) requests, (\d+) sent, (\d+) rejected locally, (\d+) accepted/.exec(line)!.map(Number);
      return {requests, sent, rejected, accepted};
    };
    expect(phase('healthy')).toEqual({requests: 20, sent: 20, rejected: 0, accepted: 20});
    const overloaded = phase('overloaded');
    expect(overloaded.accepted).toBe(0);
    expect(overloaded.rejected).toBeGreaterThan(0);
    expect(overloaded.sent + overloaded.rejected).toBe(60);
    expect(phase('recovered').accepted).toBeGreaterThan(0);
  });

  it("the gateway saw every example's requests", async () => {
    expect(
      await metric(server, 'gateway_http_requests_total{method="POST",route="/api/v1/routes/decide",status="200"}'),
    ).toBeGreaterThan(0);
  });
});
