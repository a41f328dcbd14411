/** The Node.js examples, run with this Node against a real playground-server. */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningServer} from '../../playground-server/src/server.js';
import {examples, faultsInjected, matching, repoRoot, run, startPlayground} from './support.js';

let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startPlayground();
  env = {BEAMLINE_HTTP_URL: server.url, BEAMLINE_GRPC_ADDR: `127.0.0.1:${server.port}`};
});
afterAll(() => server?.close());

const clients = path.join(examples, 'clients', 'nodejs');
const node = (file: string, extra: Record<string, string>) =>
  run(process.execPath, [file], {cwd: clients, env: {...env, ...extra}});
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const DECISION = /^decision provider=(alpha|beta) priority=\d reason=sticky expected_latency_ms=\d+$/;

describe('clients/nodejs', () => {
  it('type-checks: the TypeScript client, and the JavaScript ones through JSDoc and the generated definitions', async () => {
    const result = await run(path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', clients], {timeoutMs: 60_000});
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);

  it('grpc_client.js: a decision; retries UNAVAILABLE; not INVALID_ARGUMENT', async () => {
    const ok = await node('grpc_client.js', {BEAMLINE_TENANT: 'node-grpc'});
    expect(ok.stderr).toBe('');
    expect(ok.lines).toEqual([expect.stringMatching(DECISION)]);

    const before = await faultsInjected(server, 'unavailable');
    const down = await node('grpc_client.js', {
      BEAMLINE_TENANT: 'node-grpc',
      BEAMLINE_FAULT: 'error=1;code=unavailable',
    });
    expect(down.code).toBe(1);
    expect(matching(down, /^attempt [123]: UNAVAILABLE .*retrying in \d+ ms$/)).toHaveLength(3);
    expect(down.lines.at(-1)).toMatch(/^failed: UNAVAILABLE/);
    expect((await faultsInjected(server, 'unavailable')) - before).toBe(4);

    const bad = await node('grpc_client.js', {
      BEAMLINE_TENANT: 'node-grpc',
      BEAMLINE_FAULT: 'error=1;code=invalid_argument',
    });
    expect(bad.lines).toEqual([expect.stringMatching(/^failed: INVALID_ARGUMENT/)]);
  });

  it('connect_client.ts: a decision over gRPC with Connect-ES; the retry interceptor retries', async () => {
    const ok = await run(tsx, ['connect_client.ts'], {cwd: clients, env: {...env, BEAMLINE_TENANT: 'node-connect'}});
    expect(ok.stderr).toBe('');
    expect(ok.lines).toEqual([expect.stringMatching(DECISION)]);

    const down = await run(tsx, ['connect_client.ts'], {
      cwd: clients,
      env: {...env, BEAMLINE_TENANT: 'node-connect', BEAMLINE_FAULT: 'error=1;code=unavailable'},
    });
    expect(down.code).toBe(1);
    expect(matching(down, /^attempt [123]: Unavailable .*retrying in \d+ ms$/)).toHaveLength(3);
    expect(down.lines.at(-1)).toMatch(/^failed: Unavailable/);
  });

  it('http_client.js: a decision; retries 503; waits Retry-After on 429; gives up on Retry-After: 30', async () => {
    const ok = await node('http_client.js', {BEAMLINE_TENANT: 'node-http'});
    expect(ok.stderr).toBe('');
    expect(ok.lines).toEqual([expect.stringMatching(DECISION)]);

    const down = await node('http_client.js', {
      BEAMLINE_TENANT: 'node-http',
      BEAMLINE_FAULT: 'error=1;code=unavailable',
    });
    expect(down.code).toBe(1);
    expect(matching(down, /^attempt [123]: 503 after \d+ ms; retrying in \d+ ms$/)).toHaveLength(3);
    expect(down.lines.at(-1)).toMatch(/^failed: HTTP 503 unavailable: /);

    const limited = {
      BEAMLINE_TENANT: 'node-http-429',
      BEAMLINE_FAULT: 'ratelimit=1/s',
      BEAMLINE_SESSION: 'node-http-429',
    };
    expect((await node('http_client.js', limited)).code).toBe(0); // takes the session's one token
    const waited = await node('http_client.js', limited);
    expect(waited.code).toBe(0);
    expect(waited.lines[0]).toMatch(/^attempt 1: 429 after \d+ ms; retrying in 1000 ms$/);

    const overloaded = await node('http_client.js', {
      BEAMLINE_TENANT: 'node-http',
      BEAMLINE_FAULT: 'error=1;code=resource_exhausted',
    });
    expect(overloaded.lines).toEqual(['failed: HTTP 503 service_overloaded: Router is overloaded, please retry later']);
  });
});

describe('patterns in JavaScript', () => {
  const pattern = (file: string, extra: Record<string, string>) =>
    run(process.execPath, [path.join(examples, 'patterns', file)], {env: {...env, ...extra}});

  it('exponential_backoff.js: one attempt when healthy; every attempt under its cap when not', async () => {
    const ok = await pattern('retry/exponential_backoff.js', {BEAMLINE_TENANT: 'js-backoff'});
    expect(ok.stderr).toBe('');
    expect(ok.lines).toEqual([expect.stringMatching(/^decision provider=\w+ reason=sticky$/)]);

    const down = await pattern('retry/exponential_backoff.js', {
      BEAMLINE_TENANT: 'js-backoff',
      BEAMLINE_FAULT: 'error=1;code=unavailable',
      BEAMLINE_MAX_ATTEMPTS: '4',
    });
    expect(down.code).toBe(1);
    const waits = matching(down, /^attempt [123]: HTTP 503 unavailable; waiting \d+ ms$/).map((line) =>
      Number(/(\d+) ms$/.exec(line)![1]),
    );
    expect(waits).toHaveLength(3);
    waits.forEach((wait, n) => expect(wait).toBeLessThanOrEqual(100 * 2 ** n));
    expect(down.lines.at(-1)).toBe('failed: HTTP 503 unavailable');
  });

  it('circuit_breaker.js: closed -> open -> half_open -> closed, and the open circuit sends nothing', async () => {
    const before = await faultsInjected(server, 'unavailable');
    const result = await pattern('retry/circuit_breaker.js', {BEAMLINE_TENANT: 'js-breaker', BREAKER_OPEN_MS: '300'});
    expect(result.code).toBe(0);
    expect(matching(result, /^state:/)).toEqual([
      'state: closed -> open',
      'state: open -> half_open',
      'state: half_open -> closed',
    ]);
    expect(matching(result, /rejected locally, circuit open$/)).toHaveLength(3);
    expect((await faultsInjected(server, 'unavailable')) - before).toBe(5);
  });

  it('rate_limiter.js: the unthrottled burst is refused, both buckets stay under the limit', async () => {
    const result = await pattern('backpressure/rate_limiter.js', {BEAMLINE_TENANT: 'js-rate'});
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^no limiter: 12 sent, \d+ accepted, [1-9]\d* refused \(429\)/);
    expect(result.lines[1]).toMatch(/^token bucket 4\/s burst 4: 12 sent, 12 accepted, 0 refused \(429\)/);
    expect(result.lines[2]).toMatch(/^leaky bucket 4\/s: 12 sent, 12 accepted, 0 refused \(429\)/);
  });
});
