/**
 * Issue 13's medium and low shapes from one client on loopback, against a
 * running server: labels it chooses, event streams, absolute-form targets,
 * calls held by injected latency, deeply nested JSON, the upstream's
 * address, and the security headers on every kind of answer.
 */
import http from 'node:http';
import http2 from 'node:http2';
import {afterEach, describe, expect, it} from 'vitest';
import {DEFAULT_GATEWAY_CONFIG} from '../src/gateway/config.js';
import {type Logger, silentLogger} from '../src/logger.js';
import {startServer, type RunningServer, type ServerOptions} from '../src/server.js';
import {freePort} from './support/processes.js';
import {http1Request, http2Request} from './support/raw-http.js';

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
async function start(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startServer({logger: silentLogger, ...options});
  servers.push(server);
  return server;
}

/** A logger that keeps what the server reports as errors. */
function recordingLogger(): Logger & {readonly errors: string[]} {
  const errors: string[] = [];
  return {
    ...silentLogger,
    errors,
    error: (message, cause) => errors.push(`${message}: ${cause instanceof Error ? cause.stack : String(cause)}`),
  };
}

const decideBody = (payload: unknown) =>
  JSON.stringify({version: '1', tenant_id: 't', request_id: 'r-1', task: {type: 'chat', payload}});
const facade = {'content-type': 'application/json', 'x-tenant-id': 'acme'};

describe('metric labels', () => {
  it('2 000 random HTTP/2 methods mint no series: unknown methods count as one "other"', async () => {
    const {url} = await start();
    const session = http2.connect(url);
    try {
      for (let batch = 0; batch < 20; batch++) {
        await Promise.all(
          Array.from({length: 100}, (_, i) =>
            http2Request(session, {
              method: `M${batch}X${i}${Math.random().toString(36).slice(2, 8)}`,
              path: '/api/v1/routes/decide',
            }),
          ),
        );
      }
    } finally {
      session.close();
    }
    const text = await (await fetch(`${url}/metrics`)).text();
    const series = text.split('\n').filter((line) => line.startsWith('gateway_http_requests_total{'));
    expect(series.length).toBeLessThanOrEqual(2);
    expect(series.join('\n')).toContain('method="other"');
    expect(text.length).toBeLessThan(100_000);
  });
});

describe('event streams', () => {
  it('one client address holds at most its share of the pool; another address still gets in', async () => {
    const {url} = await start({gateway: {...DEFAULT_GATEWAY_CONFIG, maxStreams: 10, maxStreamsPerClient: 3}});
    const open: http.ClientRequest[] = [];
    const subscribe = (localAddress: string) =>
      new Promise<{status: number; first: string}>((resolve, reject) => {
        const req = http.get(`${url}/api/v1/messages/stream?tenant_id=t`, {localAddress, agent: false}, (res) => {
          res.once('data', (chunk: Buffer) => resolve({status: res.statusCode ?? 0, first: chunk.toString()}));
        });
        req.on('error', reject);
        open.push(req);
      });
    try {
      const mine = [];
      for (let i = 0; i < 3; i++) mine.push(await subscribe('127.0.0.1'));
      expect(mine.map((answer) => answer.first)).toEqual([': connected\n\n', ': connected\n\n', ': connected\n\n']);
      const refused = await subscribe('127.0.0.1');
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.first).error).toMatchObject({
        code: 'rate_limit_exceeded',
        message: 'too many open event streams from your address (at most 3); close one first',
      });
      expect((await subscribe('127.0.0.2')).first).toBe(': connected\n\n');
    } finally {
      for (const req of open) req.destroy();
    }
  });
});

/** One HTTP/1.1 request whose request line carries `target` exactly as given. */
function rawTarget(
  url: string,
  method: string,
  target: string,
  body?: string,
): Promise<{status: number; body: string}> {
  const {hostname, port} = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({host: hostname, port, method, path: target, headers: facade, agent: false}, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk));
      res.on('end', () => resolve({status: res.statusCode ?? 0, body: text}));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('absolute-form request targets', () => {
  it('are limited on their parsed path like any /api/ call', async () => {
    const {url} = await start({limits: {rateLimitPerSecond: 1, rateLimitBurst: 2}});
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await rawTarget(url, 'POST', 'http://x/api/v1/routes/decide', decideBody({}))).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('reach the same routes as their path, and a target that is no path is a 400', async () => {
    const {url} = await start();
    expect((await rawTarget(url, 'GET', 'http://x/healthz')).status).toBe(200);
    expect(await rawTarget(url, 'GET', 'ftp://x/healthz')).toEqual({
      status: 400,
      body: 'Bad Request: the request target must be a path (/…) or an http:// URL',
    });
  });
});

describe('calls held by injected latency', () => {
  it('are capped for all clients together; past the cap a call is refused at once with RESOURCE_EXHAUSTED', async () => {
    const {url} = await start({limits: {maxHeldCalls: 5}});
    const call = () =>
      fetch(`${url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'x-beamline-fault': 'latency=1000ms'},
        body: JSON.stringify({message: {tenantId: 't', messageId: 'm'}}),
      });
    const started = performance.now();
    const answers = await Promise.all(Array.from({length: 8}, call));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as {message: string}).message).toMatch(/already holds 5 calls in injected latency/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    // Their places are free again.
    expect((await call()).status).toBe(200);
  });
});

describe('deeply nested JSON to the facade', () => {
  it('is a 400 that says why, with nothing in the error log', async () => {
    const logger = recordingLogger();
    const {url} = await start({logger});
    const decide = await fetch(`${url}/api/v1/routes/decide`, {
      method: 'POST',
      headers: facade,
      body: decideBody('NESTED').replace('"NESTED"', `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`),
    });
    expect(decide.status).toBe(400);
    expect(((await decide.json()) as {error: unknown}).error).toMatchObject({
      code: 'invalid_request',
      message: 'invalid decide request DTO: body nests arrays and objects more than 512 levels deep',
    });
    const update = await fetch(`${url}/api/v1/messages/m-1`, {
      method: 'PUT',
      headers: facade,
      body: `{"message_id":"m-1","x":${'{"y":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
    });
    expect(update.status).toBe(400);
    expect(((await update.json()) as {error: {message: string}}).error.message).toBe(
      'body nests arrays and objects more than 512 levels deep',
    );
    expect(logger.errors).toEqual([]);
  });
});

describe("the upstream Router's address", () => {
  it('is in no error a caller gets while the upstream is down', async () => {
    const port = await freePort();
    const {url} = await start({
      upstream: {url: `http://127.0.0.1:${port}`, timeoutMs: 1_000, pingIntervalMs: 1_000, probeIntervalMs: 100},
    });
    const answer = await fetch(`${url}/beamline.flow.v1.Router/Decide`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({message: {tenantId: 't', messageId: 'm'}}),
    });
    const text = await answer.text();
    expect(answer.status).toBe(503);
    expect(text).toContain('upstream Router');
    expect(text).not.toContain(String(port));
    expect(text).not.toContain('ECONNREFUSED');
  });
});

describe('security headers', () => {
  const expected = {
    'content-security-policy': "frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };

  it('are on every answer: API, facade, health, metrics and 404s, over HTTP/1.1 and HTTP/2', async () => {
    const {url} = await start();
    const requests = [
      {method: 'GET', path: '/healthz'},
      {method: 'GET', path: '/readyz'},
      {method: 'GET', path: '/metrics'},
      {method: 'GET', path: '/nothing-here'},
      {method: 'GET', path: '/health'},
      {method: 'POST', path: '/api/v1/routes/decide', headers: facade, body: new TextEncoder().encode('{}')},
      {
        method: 'POST',
        path: '/beamline.flow.v1.Router/Decide',
        headers: {'content-type': 'application/json'},
        body: new TextEncoder().encode('{"message":{"tenantId":"t","messageId":"m"}}'),
      },
    ];
    const session = http2.connect(url);
    try {
      for (const request of requests) {
        for (const answer of [await http1Request(url, request), await http2Request(session, request)]) {
          expect({path: request.path, ...answer.headers}).toMatchObject({path: request.path, ...expected});
        }
      }
    } finally {
      session.close();
    }
  });
});
