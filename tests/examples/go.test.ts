/**
 * The Go examples, built once (GOPATH mode, Debian's grpc-go) and run
 * against a real playground-server.
 */
import type {ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunningServer} from '../../playground-server/src/server.js';
import {examples, faultsInjected, goBuild, goEnvironment, matching, run, startPlayground} from './support.js';

let server: RunningServer;
let env: Record<string, string>;
let binDir: string;
const bin: Record<string, string> = {};

beforeAll(async () => {
  const goEnv = await goEnvironment();
  binDir = await mkdtemp(path.join(tmpdir(), 'beamline-go-bin-'));
  // grpc_client first: it compiles grpc-go into the shared cache the others then reuse.
  bin.grpc = await goBuild(goEnv, path.join(examples, 'clients', 'go', 'grpc_client.go'), binDir);
  const [http, backoff, breaker, limiter] = await Promise.all([
    goBuild(goEnv, path.join(examples, 'clients', 'go', 'http_client.go'), binDir),
    goBuild(goEnv, path.join(examples, 'patterns', 'retry', 'exponential_backoff.go'), binDir),
    goBuild(goEnv, path.join(examples, 'patterns', 'retry', 'circuit_breaker.go'), binDir),
    goBuild(goEnv, path.join(examples, 'patterns', 'backpressure', 'rate_limiter.go'), binDir),
  ]);
  Object.assign(bin, {http, backoff, breaker, limiter});
  server = await startPlayground();
  env = {BEAMLINE_HTTP_URL: server.url, BEAMLINE_GRPC_ADDR: `127.0.0.1:${server.port}`};
}, 180_000);
afterAll(async () => {
  await server?.close();
  if (binDir) {
    await rm(binDir, {recursive: true, force: true});
  }
});

const go = (name: string, extra: Record<string, string>) => run(bin[name]!, [], {env: {...env, ...extra}});
const DECISION = /decision provider=(alpha|beta) priority=\d reason=sticky expected_latency_ms=\d+$/;

describe('clients/go', () => {
  it('grpc_client.go: decisions; the retry interceptor retries UNAVAILABLE, not INVALID_ARGUMENT', async () => {
    const ok = await go('grpc', {BEAMLINE_TENANT: 'go-grpc'});
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(matching(ok, DECISION)).toHaveLength(3);

    const before = await faultsInjected(server, 'unavailable');
    const down = await go('grpc', {
      BEAMLINE_TENANT: 'go-grpc',
      BEAMLINE_CALLS: '1',
      BEAMLINE_FAULT: 'error=1;code=unavailable',
    });
    expect(down.code).toBe(1);
    expect(matching(down, /^attempt [123]: Unavailable .*; retrying in \d+ ms$/)).toHaveLength(3);
    expect(down.lines.at(-1)).toMatch(/^call 1: failed: Unavailable/);
    expect((await faultsInjected(server, 'unavailable')) - before).toBe(4);

    const bad = await go('grpc', {
      BEAMLINE_TENANT: 'go-grpc',
      BEAMLINE_CALLS: '1',
      BEAMLINE_FAULT: 'error=1;code=invalid_argument',
    });
    expect(bad.lines).toEqual([expect.stringMatching(/^call 1: failed: InvalidArgument/)]);
  });

  it("grpc_client.go: a slow Router costs one attempt's deadline, and is not retried", async () => {
    // 3 s of latency against a 2 s per-attempt timeout: DEADLINE_EXCEEDED is not retried, the call fails in ~2 s.
    const slow = await go('grpc', {BEAMLINE_TENANT: 'go-grpc', BEAMLINE_CALLS: '1', BEAMLINE_FAULT: 'latency=3s'});
    expect(slow.code).toBe(1);
    expect(slow.lines).toEqual([expect.stringMatching(/^call 1: failed: DeadlineExceeded/)]);
    expect(slow.ms).toBeGreaterThanOrEqual(2_000);
    expect(slow.ms).toBeLessThan(2_900);
  });

  it('grpc_client.go: SIGTERM ends it cleanly mid-call', async () => {
    let child: ChildProcess | undefined;
    const running = run(bin.grpc!, [], {
      env: {...env, BEAMLINE_TENANT: 'go-grpc', BEAMLINE_CALLS: '1', BEAMLINE_FAULT: 'latency=5s'},
      onSpawn: (spawned) => (child = spawned),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child!.kill('SIGTERM');
    const result = await running;
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([expect.stringMatching(/^call 1: failed: Canceled/)]);
    expect(result.ms).toBeLessThan(2_000);
  });

  it('http_client.go: a decision; retries 503; waits Retry-After on 429', async () => {
    const ok = await go('http', {BEAMLINE_TENANT: 'go-http'});
    expect(ok.stderr).toBe('');
    expect(ok.lines).toEqual([
      expect.stringMatching(/^decision provider=(alpha|beta) priority=\d reason=sticky expected_latency_ms=\d+$/),
    ]);

    const down = await go('http', {BEAMLINE_TENANT: 'go-http', BEAMLINE_FAULT: 'error=1;code=unavailable'});
    expect(down.code).toBe(1);
    expect(matching(down, /^attempt [123]: 503; retrying in \d+ ms$/)).toHaveLength(3);
    expect(down.lines.at(-1)).toMatch(/^failed: HTTP 503 unavailable: /);

    const limited = {BEAMLINE_TENANT: 'go-http-429', BEAMLINE_FAULT: 'ratelimit=1/s', BEAMLINE_SESSION: 'go-http-429'};
    expect((await go('http', limited)).code).toBe(0);
    const waited = await go('http', limited);
    expect(waited.code).toBe(0);
    expect(waited.lines[0]).toBe('attempt 1: 429; retrying in 1000 ms');
    expect(waited.ms).toBeGreaterThanOrEqual(1_000);
  });
});

describe('patterns in Go', () => {
  it('exponential_backoff.go: one attempt when healthy; every attempt under its cap when not', async () => {
    const ok = await go('backoff', {BEAMLINE_TENANT: 'go-backoff'});
    expect(ok.lines).toEqual([expect.stringMatching(/^decision provider=\w+ reason=sticky$/)]);

    const down = await go('backoff', {
      BEAMLINE_TENANT: 'go-backoff',
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

  it('circuit_breaker.go: closed -> open -> half_open -> closed, and the open circuit sends nothing', async () => {
    const before = await faultsInjected(server, 'unavailable');
    const result = await go('breaker', {BEAMLINE_TENANT: 'go-breaker', BREAKER_OPEN_MS: '300'});
    expect(result.code).toBe(0);
    expect(matching(result, /^state:/)).toEqual([
      'state: closed -> open',
      'state: open -> half_open',
      'state: half_open -> closed',
    ]);
    expect(matching(result, /rejected locally, circuit open$/)).toHaveLength(3);
    expect((await faultsInjected(server, 'unavailable')) - before).toBe(5);
  });

  it('rate_limiter.go: the unthrottled burst is refused, both buckets stay under the limit', async () => {
    const result = await go('limiter', {BEAMLINE_TENANT: 'go-rate'});
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^no limiter: 12 sent, \d+ accepted, [1-9]\d* refused \(429\)/);
    expect(result.lines[1]).toMatch(/^token bucket 4\/s burst 4: 12 sent, 12 accepted, 0 refused \(429\)/);
    expect(result.lines[2]).toMatch(/^leaky bucket 4\/s: 12 sent, 12 accepted, 0 refused \(429\)/);
  });
});
