/** The facade over real HTTP/1.1 and h2c, on a real port, in front of the embedded Router. */
import http from 'node:http';
import http2 from 'node:http2';
import {Code, type ConnectError, createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {silentLogger} from '../logger.js';
import {startServer, type RunningServer} from '../server.js';
import {DEFAULT_GATEWAY_CONFIG, type GatewayConfig} from './config.js';

const DECIDE = '/api/v1/routes/decide';

function dto(tenant: string, requestId = 'r-1', extra: Record<string, unknown> = {}) {
  return {
    version: '1',
    tenant_id: tenant,
    request_id: requestId,
    task: {type: 'chat', payload: {text: 'hi'}},
    ...extra,
  };
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function post(
  server: RunningServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {status: response.status, headers: response.headers, body: JSON.parse(text)};
}

/** Opens an event stream and collects its text until `until` holds (or the timeout). */
function readStream(url: string, until: (text: string) => boolean, timeoutMs = 3_000) {
  let text = '';
  let request: http.ClientRequest;
  const opened = new Promise<http.IncomingMessage>((resolve, reject) => {
    request = http.get(url, resolve);
    request.on('error', reject);
  });
  const done = opened.then(
    (response) =>
      new Promise<{text: string; headers: http.IncomingHttpHeaders; ended: boolean}>((resolve) => {
        const timer = setTimeout(() => finish(false), timeoutMs);
        const finish = (ended: boolean) => {
          clearTimeout(timer);
          request.destroy();
          resolve({text, headers: response.headers, ended});
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (until(text)) {
            finish(false);
          }
        });
        response.on('end', () => finish(true));
      }),
  );
  return {opened: opened.then(() => new Promise((r) => setTimeout(r, 50))), done};
}

describe('c-gateway facade', () => {
  let server: RunningServer;
  const config: GatewayConfig = {
    ...DEFAULT_GATEWAY_CONFIG,
    rateLimit: {decide: 3, messages: 10, windowSeconds: 60},
    routerTimeoutMs: 300,
    sseKeepAliveMs: 100,
  };

  beforeAll(async () => {
    server = await startServer({logger: silentLogger, gateway: config});
  });
  afterAll(() => server.close());

  it("answers a decision in c-gateway's success shape", async () => {
    const answer = await post(server, DECIDE, dto('t-ok', 'r-1', {context: {tier: 'gold'}}), {
      'X-Tenant-ID': 't-ok',
      'X-Trace-ID': 'trace-1',
      'x-correlation-id': 'corr-1',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-correlation-id')).toBe('corr-1');
    expect(answer.body).toEqual({
      ok: true,
      decision: {
        provider_id: 'alpha',
        priority: 1,
        expected_latency_ms: 120,
        expected_cost: 0.002,
        reason: 'rule:context.tier == "gold"',
        metadata: {policy_id: 'default', router: 'embedded', rule: 'context.tier == "gold"', correlation_id: 'corr-1'},
      },
      context: {request_id: 'r-1', trace_id: 'trace-1'},
    });
  });

  it('decides exactly as the gRPC door does: one engine', async () => {
    const grpc = createClient(Router, createGrpcTransport({baseUrl: server.url}));
    for (const id of ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6']) {
      // A tenant per message: the facade allows 3 decisions per tenant here.
      const tenant = `t-same-${id}`;
      const viaGrpc = await grpc.decide({message: {tenantId: tenant, messageId: id, messageType: 'chat'}});
      const viaHttp = await post(server, DECIDE, dto(tenant, id), {'X-Tenant-ID': tenant});
      expect(viaHttp.body.decision.provider_id).toBe(viaGrpc.providerId);
      expect(viaHttp.body.decision.reason).toBe(viaGrpc.reason);
    }
  });

  it("shares one session's fault state with the RPC door: ratelimit=1/m allows one call across both", async () => {
    const headers = {'x-beamline-fault': 'ratelimit=1/m', 'x-beamline-session': 's-both-doors'};
    const connect = createClient(Router, createConnectTransport({baseUrl: server.url, httpVersion: '1.1'}));
    const rpc = () =>
      connect.decide({message: {tenantId: 't-doors', messageId: 'm-1'}}, {headers}).then(
        () => 200,
        (error: ConnectError) => (error.code === Code.ResourceExhausted ? 429 : error.code),
      );
    const first = await rpc();
    const facade = await post(server, DECIDE, dto('t-doors'), {'X-Tenant-ID': 't-doors', ...headers});
    const third = await rpc();
    expect([first, facade.status, third]).toEqual([200, 429, 429]);
    expect(facade.body.error.code).toBe('rate_limit_exceeded');
  });

  it('takes the trace id from traceparent, and leaves it out when there is none', async () => {
    const traced = await post(server, DECIDE, dto('t-trace'), {
      'X-Tenant-ID': 't-trace',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(traced.body.context).toEqual({request_id: 'r-1', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736'});
    const plain = await post(server, DECIDE, dto('t-trace'), {'X-Tenant-ID': 't-trace'});
    expect(plain.body.context).toEqual({request_id: 'r-1'});
  });

  it("refuses a request without X-Tenant-ID with c-gateway's envelope", async () => {
    const answer = await post(server, DECIDE, dto('t-x'), {'X-Trace-ID': 'tr'});
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      ok: false,
      error: {code: 'invalid_request', message: 'missing X-Tenant-ID header', intake_error_code: null, details: {}},
      context: {request_id: '', trace_id: 'tr', tenant_id: ''},
    });
  });

  it('answers bad bodies with 400 invalid_request, never a crash', async () => {
    const cases: Array<[string, string]> = [
      ['', 'empty request body'],
      ['{', 'invalid decide request DTO: body is not valid JSON'],
      ['{"version":"1"}', 'invalid decide request DTO: tenant_id must be a string'],
      ['x'.repeat(64 * 1024 + 1), 'request body exceeds 65536 bytes'],
    ];
    for (const [index, [body, message]] of cases.entries()) {
      const tenant = `t-bad-${index}`;
      const answer = await post(server, DECIDE, body, {'X-Tenant-ID': tenant});
      expect(answer.status, message).toBe(400);
      expect(answer.body.error).toEqual({code: 'invalid_request', message, intake_error_code: null, details: {}});
      expect(answer.body.context.tenant_id).toBe(tenant);
    }
    // Like c-gateway, the content type is not checked: a JSON body is a JSON body.
    const plain = await post(server, DECIDE, dto('t-ct'), {'X-Tenant-ID': 't-ct', 'content-type': 'text/plain'});
    expect(plain.status).toBe(200);
    // A body far beyond the limit cuts the connection rather than reading megabytes.
    await expect(
      fetch(server.url + DECIDE, {
        method: 'POST',
        headers: {'X-Tenant-ID': 't-huge'},
        body: 'x'.repeat(4 * 1024 * 1024),
      }).then((response) => response.text()),
    ).rejects.toThrow();
    const after = await post(server, DECIDE, dto('t-after'), {'X-Tenant-ID': 't-after'});
    expect(after.status).toBe(200);
  });

  it("rate-limits per tenant in fixed windows with c-gateway's 429 and headers", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await post(server, DECIDE, dto('t-burst'), {'X-Tenant-ID': 't-burst'})).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(server, DECIDE, dto('t-burst'), {'X-Tenant-ID': 't-burst'});
    const nowSeconds = Date.now() / 1000;
    expect(Number(refused.headers.get('x-ratelimit-limit'))).toBe(3);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(refused.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(nowSeconds);
    expect(reset).toBeLessThanOrEqual(nowSeconds + 61);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error).toEqual({
      code: 'rate_limit_exceeded',
      message: `Rate limit exceeded for endpoint ${DECIDE}`,
      intake_error_code: null,
      details: {endpoint: DECIDE, limit: 3, retry_after_seconds: retryAfter},
    });
    // Another tenant, and the messages endpoint of the same tenant, have windows of their own.
    expect((await post(server, DECIDE, dto('t-other'), {'X-Tenant-ID': 't-other'})).status).toBe(200);
    expect((await post(server, '/api/v1/messages', dto('t-burst'), {'X-Tenant-ID': 't-burst'})).status).toBe(200);
  });

  it("maps injected faults to c-gateway's codes", async () => {
    const fault = (tenant: string, spec: string, extra: Record<string, string> = {}) =>
      post(server, DECIDE, dto(tenant), {'X-Tenant-ID': tenant, 'x-beamline-fault': spec, ...extra});

    const unavailable = await fault('t-f1', 'error=1;code=unavailable');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.code).toBe('unavailable');
    expect(unavailable.headers.get('x-beamline-fault-injected')).toBe('unavailable');
    expect(unavailable.body.context).toEqual({request_id: 'r-1', trace_id: '', tenant_id: 't-f1'});

    const overloaded = await fault('t-f2', 'error=1;code=resource_exhausted');
    expect(overloaded.status).toBe(503);
    expect(overloaded.body.error.code).toBe('service_overloaded');
    expect(overloaded.headers.get('retry-after')).toBe('30');

    expect((await fault('t-f3', 'error=1;code=internal')).body.error.code).toBe('internal');
    expect((await fault('t-f3', 'error=1;code=not_found')).status).toBe(404);
    expect((await fault('t-f3', 'error=1;code=permission_denied')).status).toBe(403);

    const malformed = await fault('t-f4', 'error=2');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('x-beamline-fault: error must be between 0 and 1, got 2');

    const session = {'x-beamline-session': 's-gw'};
    expect((await fault('t-f5', 'ratelimit=1/m', session)).status).toBe(200);
    const limited = await fault('t-f5', 'ratelimit=1/m', session);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limit_exceeded');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('1');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);

    // Longer than ROUTER_REQUEST_TIMEOUT_MS (300 ms here): c-gateway's NATS timeout, 503 unavailable.
    const started = performance.now();
    const slow = await fault('t-f6', 'latency=2s');
    expect(slow.status).toBe(503);
    expect(slow.body.error.code).toBe('unavailable');
    expect(performance.now() - started).toBeLessThan(1_500);

    const delayed = await fault('t-f7', 'latency=50ms');
    expect(delayed.status).toBe(200);
    expect(Number(delayed.headers.get('x-beamline-fault-latency-ms'))).toBe(50);
  });

  it('answers unknown routes and /health as c-gateway does', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as {status: string; timestamp: string};
    expect(body.status).toBe('healthy');
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);

    const unknown = await fetch(`${server.url}/api/v1/nothing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as {error: unknown}).error).toEqual({
      code: 'invalid_request',
      message: 'route not found',
      intake_error_code: null,
      details: {},
    });
    expect((await fetch(server.url + DECIDE)).status).toBe(404); // GET: not a route
    expect((await fetch(`${server.url}/beamline.flow.v1.Router/Decide`, {method: 'POST'})).status).not.toBe(404);
  });

  it("streams a tenant's messages, and only that tenant's, over SSE with keep-alives", async () => {
    const mine = readStream(`${server.url}/api/v1/messages/stream?tenant_id=t-sse`, (text) =>
      text.includes('message_deleted'),
    );
    const theirs = readStream(`${server.url}/api/v1/messages/stream?tenant_id=t-sse-other`, () => false, 1_000);
    await Promise.all([mine.opened, theirs.opened]);
    const published = await post(server, '/api/v1/messages', dto('t-sse', 'msg-1'), {'X-Tenant-ID': 't-sse'});
    expect(published.status).toBe(200);
    const updated = await fetch(`${server.url}/api/v1/messages/msg-1`, {
      method: 'PUT',
      headers: {'X-Tenant-ID': 't-sse'},
      body: JSON.stringify({message_id: 'msg-1', status: 'done'}),
    });
    expect(updated.status).toBe(200);
    const conflict = await fetch(`${server.url}/api/v1/messages/msg-1`, {
      method: 'PUT',
      headers: {'X-Tenant-ID': 't-sse'},
      body: JSON.stringify({message_id: 'msg-2'}),
    });
    expect(conflict.status).toBe(409);
    const deleted = await fetch(`${server.url}/api/v1/messages/msg-1`, {
      method: 'DELETE',
      headers: {'X-Tenant-ID': 't-sse'},
    });
    expect(await deleted.json()).toEqual({status: 'deleted', message_id: 'msg-1'});

    const {text, headers} = await mine.done;
    expect(headers['content-type']).toBe('text/event-stream');
    expect(text.startsWith(': connected\n\n')).toBe(true);
    const created = /event: message_created\ndata: (.*)\n\n/.exec(text);
    expect(JSON.parse(created![1]!)).toEqual({
      request_id: 'msg-1',
      task: {type: 'chat', payload: {text: 'hi'}},
      decision: published.body.decision,
    });
    expect(text).toContain('event: message_updated\ndata: {"message_id":"msg-1","status":"done"}\n\n');
    expect(text).toContain('event: message_deleted\ndata: {"message_id":"msg-1"}\n\n');
    const other = await theirs.done;
    expect(other.text).not.toContain('event:');
    expect(other.text).toContain(': keep-alive\n\n');
  });

  it('refuses a stream without tenant_id', async () => {
    const answer = await fetch(`${server.url}/api/v1/messages/stream`);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as {error: {message: string}}).error.message).toBe('missing tenant_id');
  });

  it('serves the same API over h2c', async () => {
    const session = http2.connect(server.url);
    try {
      const ask = (headers: http2.OutgoingHttpHeaders, body?: string) =>
        new Promise<{status: number; text: string}>((resolve, reject) => {
          const stream = session.request(headers);
          let text = '';
          let status = 0;
          stream.setEncoding('utf8');
          stream.on('response', (h) => (status = Number(h[':status'])));
          stream.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(': connected')) {
              stream.close();
            }
          });
          stream.on('close', () => resolve({status, text}));
          stream.on('error', reject);
          stream.end(body);
        });
      const decided = await ask(
        {':method': 'POST', ':path': DECIDE, 'x-tenant-id': 't-h2'},
        JSON.stringify(dto('t-h2')),
      );
      expect(decided.status).toBe(200);
      expect(JSON.parse(decided.text).ok).toBe(true);
      const stream = await ask({':method': 'GET', ':path': '/api/v1/messages/stream?tenant_id=t-h2'});
      expect(stream.status).toBe(200);
      expect(stream.text).toBe(': connected\n\n');
    } finally {
      session.close();
    }
  });

  it("counts its requests in the server's /metrics", async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /gateway_http_requests_total\{method="POST",route="\/api\/v1\/routes\/decide",status="200"\} \d+/,
    );
    expect(text).toMatch(/gateway_rate_limit_hits_total [1-9]/);
    expect(text).toContain('playground_rpc_requests_total');
  });
});

describe('c-gateway facade with GATEWAY_AUTH_REQUIRED', () => {
  it('requires an Authorization header on POSTs (401 before the tenant check), and nothing else', async () => {
    const server = await startServer({logger: silentLogger, gateway: {...DEFAULT_GATEWAY_CONFIG, authRequired: true}});
    try {
      const refused = await post(server, DECIDE, dto('t-auth'), {});
      expect(refused.status).toBe(401);
      expect(refused.body.error).toEqual({
        code: 'unauthorized',
        message: 'missing Authorization header',
        intake_error_code: null,
        details: {},
      });
      const allowed = await post(server, DECIDE, dto('t-auth'), {
        'X-Tenant-ID': 't-auth',
        Authorization: 'Bearer anything',
      });
      expect(allowed.status).toBe(200);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('ends open streams when the server closes, without waiting for the grace period', async () => {
    const server = await startServer({logger: silentLogger, gateway: DEFAULT_GATEWAY_CONFIG, shutdownGraceMs: 10_000});
    const stream = readStream(`${server.url}/api/v1/messages/stream?tenant_id=t-close`, () => false, 5_000);
    await stream.opened;
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await stream.done).ended).toBe(true);
  });
});
