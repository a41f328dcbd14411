/** /metrics, /readyz and the per-client rate limit of a running server, over real HTTP. */
import {Code, createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {afterEach, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer, type ServerOptions} from '../src/server.js';
import {freePort} from './support/processes.js';
import {failure} from './support/failure.js';

const request = {message: {tenantId: 'acme', messageId: 'm-1'}};
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: ServerOptions = {}): Promise<RunningServer> {
  server = await startServer({logger: silentLogger, ...options});
  return server;
}

/** The value of one sample line of the Prometheus text, e.g. `name{a="b"}`. */
async function sample(url: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts RPCs by service, method, code and protocol, and times them', async () => {
    const {url} = await start();
    const connect = createClient(Router, createConnectTransport({baseUrl: url, httpVersion: '1.1'}));
    const grpc = createClient(Router, createGrpcTransport({baseUrl: url}));
    await connect.decide(request);
    await connect.decide(request);
    await failure(grpc.decide({message: {tenantId: 'acme'}}));
    const labels = 'service="beamline.flow.v1.Router",method="Decide"';
    expect(await sample(url, `playground_rpc_requests_total{${labels},code="ok",protocol="connect"}`)).toBe(2);
    expect(await sample(url, `playground_rpc_requests_total{${labels},code="invalid_argument",protocol="grpc"}`)).toBe(
      1,
    );
    expect(await sample(url, `playground_rpc_duration_seconds_count{${labels},protocol="connect"}`)).toBe(2);
    expect(await sample(url, `playground_rpc_in_flight{${labels}}`)).toBe(0);
  });

  it('counts the RPCs whose caller passed a deadline on, in either protocol', async () => {
    const {url} = await start();
    const connect = createClient(Router, createConnectTransport({baseUrl: url, httpVersion: '1.1'}));
    const grpc = createClient(Router, createGrpcTransport({baseUrl: url}));
    await connect.decide(request);
    await connect.decide(request, {timeoutMs: 5_000});
    await grpc.decide(request, {timeoutMs: 5_000});
    const labels = 'service="beamline.flow.v1.Router",method="Decide"';
    expect(await sample(url, `playground_rpc_with_deadline_total{${labels}}`)).toBe(2);
  });

  it('counts injected faults by kind and the sessions that call', async () => {
    const {url} = await start();
    const client = createClient(Router, createConnectTransport({baseUrl: url, httpVersion: '1.1'}));
    for (const session of ['a', 'b', 'a']) {
      await failure(
        client.decide(request, {
          headers: {'x-beamline-fault': 'error=1;code=unavailable;latency=1ms', 'x-beamline-session': session},
        }),
      );
    }
    expect(await sample(url, 'playground_faults_injected_total{kind="unavailable"}')).toBe(3);
    expect(await sample(url, 'playground_faults_injected_total{kind="latency"}')).toBe(3);
    expect(await sample(url, 'playground_active_sessions')).toBe(2);
  });

  it('serves the Prometheus text format with the process metrics', async () => {
    const {url} = await start();
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('process_cpu_user_seconds_total');
  });
});

describe('/readyz', () => {
  it('is ready with the embedded Router', async () => {
    const {url} = await start();
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({status: 'ready', detail: 'embedded Router'});
  });

  it('is not ready while the upstream Router does not answer (without naming it), and /healthz still is', async () => {
    // A port that was just free: nothing listens, the connection is refused.
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const {url} = await start({
      upstream: {url: nobody, timeoutMs: 500, pingIntervalMs: 1_000, probeIntervalMs: 100},
    });
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status).toBe(503);
    const body = await (await fetch(`${url}/readyz`)).json();
    expect(body).toMatchObject({status: 'not ready', detail: expect.stringMatching(/^upstream Router not answering/)});
    // A public probe never names the upstream's address.
    expect(JSON.stringify(body)).not.toContain(new URL(nobody).port);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await sample(url, 'playground_upstream_up')).toBe(0);
  });

  it('is ready once the upstream Router answers', async () => {
    const upstream = await startServer({logger: silentLogger});
    try {
      const {url} = await start({
        upstream: {url: upstream.url, timeoutMs: 500, pingIntervalMs: 1_000, probeIntervalMs: 100},
      });
      await expect.poll(async () => (await fetch(`${url}/readyz`)).status).toBe(200);
      expect(await sample(url, 'playground_upstream_up')).toBe(1);
    } finally {
      await upstream.close();
    }
  });
});

describe('the per-client rate limit', () => {
  const limits = {rateLimitPerSecond: 1, rateLimitBurst: 2};

  it('refuses a client past its burst with RESOURCE_EXHAUSTED (HTTP 429) and both retry hints', async () => {
    const {url} = await start({limits});
    const call = () =>
      fetch(`${url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify(request),
      });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(Number(refused.headers.get('grpc-retry-pushback-ms'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('grpc-retry-pushback-ms'))).toBeLessThanOrEqual(1000);
    expect(await refused.json()).toMatchObject({code: 'resource_exhausted'});
    expect(await sample(url, 'playground_rate_limited_total')).toBe(1);
  });

  it('tells a gRPC client when to come back, in the trailers', async () => {
    // Refilled slowly: at load 20 the three calls took 1.4 s, and a token refilled at 1/s let the third through.
    const {url} = await start({limits: {rateLimitPerSecond: 0.1, rateLimitBurst: 2}});
    const client = createClient(Router, createGrpcTransport({baseUrl: url}));
    await client.decide(request);
    await client.decide(request);
    const error = await failure(client.decide(request));
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(Number(error.metadata.get('grpc-retry-pushback-ms'))).toBeGreaterThan(0);
  });

  it("covers the HTTP facade too, refusing in c-gateway's error envelope; RPCs and HTTP share the bucket", async () => {
    const {url} = await start({limits});
    const decide = () =>
      fetch(`${url}/api/v1/routes/decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'x-tenant-id': 'acme', 'x-trace-id': 'tr-1'},
        body: JSON.stringify({version: '1', tenant_id: 'acme', request_id: 'r-1', task: {type: 't', payload: {}}}),
      });
    expect((await decide()).status).toBe(200);
    await createClient(Router, createConnectTransport({baseUrl: url, httpVersion: '1.1'})).decide(request);
    const refused = await decide();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      ok: false,
      error: {
        code: 'rate_limit_exceeded',
        message: 'too many requests from your session or address; retry in 1 s',
        intake_error_code: null,
        details: {},
      },
      context: {request_id: '', trace_id: 'tr-1', tenant_id: 'acme'},
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("keys on the reader's session when a request names one, so readers behind one address are separate clients", async () => {
    const {url} = await start({limits});
    const call = (session: string) =>
      fetch(`${url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'x-beamline-session': session},
        body: JSON.stringify(request),
      });
    await call('reader-a');
    await call('reader-a');
    const refused = await call('reader-a');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      message: expect.stringMatching(/^too many requests from your session/),
    });
    expect((await call('reader-b')).status).toBe(200);
  });

  it('keys clients by the address the trusted proxy appended to X-Forwarded-For, which a client cannot forge', async () => {
    const {url} = await start({limits: {...limits, trustProxy: true}});
    // What a client sends first is its own to choose; the proxy appends the address it saw.
    const call = (forged: string, seenByProxy: string) =>
      fetch(`${url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'x-forwarded-for': `${forged}, ${seenByProxy}`},
        body: JSON.stringify(request),
      });
    await call('198.51.100.1', '192.0.2.1');
    await call('198.51.100.2', '192.0.2.1');
    expect((await call('198.51.100.3', '192.0.2.1')).status).toBe(429);
    expect((await call('198.51.100.3', '192.0.2.2')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy', async () => {
    const {url} = await start({limits});
    const call = (forged: string) =>
      fetch(`${url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'x-forwarded-for': forged},
        body: JSON.stringify(request),
      });
    await call('198.51.100.1');
    await call('198.51.100.2');
    expect((await call('198.51.100.3')).status).toBe(429);
  });
});
