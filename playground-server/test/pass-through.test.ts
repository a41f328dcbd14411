/**
 * The proxy's two paths for a Connect call must answer alike: the same raw
 * request sent to a server that passes Connect binary calls through
 * (rpc/pass-through.ts) and to one that decodes every call with connect-es
 * (UPSTREAM_PASS_THROUGH=false), both in front of one Router that answers
 * oddly on purpose, must get the same HTTP status, headers and body — and
 * the Router must see the same request from both.
 */
import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {gzipSync} from 'node:zlib';
import {create, fromBinary, toBinary} from '@bufbuild/protobuf';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  ListPoliciesResponseSchema,
  RouteDecisionSchema,
  RouteRequestSchema,
} from '@beamline/api/beamline/flow/v1/flow_pb';
import type {Logger, LogFields} from '../src/logger.js';
import {type RunningServer, startServer} from '../src/server.js';
import {decision, framed, GRPC, oddAnswers} from './support/odd-router.js';
import {http1Request, http2Request, type RawRequest, type RawResponse} from './support/raw-http.js';
import {freePort} from './support/processes.js';

const DECIDE = '/beamline.flow.v1.Router/Decide';
const LIST = '/beamline.flow.v1.RouterAdmin/ListPolicies';
const UPSTREAM_TIMEOUT_MS = 1_500;
const MAX_BODY_BYTES = 2_048;

/** The odd Router's answers, and a few more for what only the Connect door does. */
const answers: Record<string, (stream: http2.ServerHttp2Stream, seen: string) => void> = {
  ...oddAnswers,
  // The request metadata the Router got, so forwarding rules are compared too; hop fields and pushback.
  echo: (stream, seen) => {
    stream.respond({...GRPC, 'x-node': 'r1', 'x-seen': seen, date: 'x'}, {waitForTrailers: true});
    stream.on('wantTrailers', () =>
      stream.sendTrailers({'grpc-status': '0', 'x-after': 't', 'grpc-retry-pushback-ms': '20'}),
    );
    stream.end(framed(decision));
  },
  // Over compressMinBytes, so an answer to a caller that accepts gzip is compressed.
  large: (stream) => {
    const policies = create(ListPoliciesResponseSchema, {
      policies: Array.from({length: 40}, (_, i) => ({policyId: `policy-${i}`, providers: [{id: 'alpha', weight: 1}]})),
    });
    stream.respond(GRPC, {waitForTrailers: true});
    stream.on('wantTrailers', () => stream.sendTrailers({'grpc-status': '0'}));
    stream.end(framed(toBinary(ListPoliciesResponseSchema, policies)));
  },
  'resource-exhausted': (stream) =>
    stream.respond(
      {...GRPC, 'grpc-status': '8', 'grpc-message': 'slow down', 'retry-after': '3', 'grpc-retry-pushback-ms': '3000'},
      {endStream: true},
    ),
  reset: (stream) => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR),
};

/** One call as the Router saw it. */
interface Seen {
  readonly headers: http2.IncomingHttpHeaders;
  readonly body: Buffer;
}

let router: http2.Http2Server;
let routerUrl: string;
const seen: Seen[] = [];
/** Each server's access log: which path answered. */
const passedThrough = new Map<RunningServer, boolean[]>();
let fast: RunningServer;
let decoding: RunningServer;

/** Records the access log's pass_through field of each call. */
const accessLog = (calls: boolean[]): Logger => ({
  debug: (_message: string, fields?: LogFields) => calls.push(fields?.pass_through === true),
  info: () => {},
  warn: () => {},
  error: () => {},
});

async function proxyServer(passThrough: boolean, routerUrl: string, shutdownGraceMs = 5_000): Promise<RunningServer> {
  const calls: boolean[] = [];
  const server = await startServer({
    upstream: {
      url: routerUrl,
      timeoutMs: UPSTREAM_TIMEOUT_MS,
      pingIntervalMs: 60_000,
      probeIntervalMs: 60_000,
      passThrough,
    },
    limits: {maxBodyBytes: MAX_BODY_BYTES},
    logger: accessLog(calls),
    shutdownGraceMs,
  });
  passedThrough.set(server, calls);
  return server;
}

beforeAll(async () => {
  router = http2.createServer();
  router.on('stream', (stream, headers) => {
    // The resets these cases make or receive are the point, not a failure of the test Router.
    stream.on('error', () => {});
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The readiness probe's calls carry no case.
    if (headers['x-correlation-id']) stream.on('end', () => seen.push({headers, body: Buffer.concat(chunks)}));
    const metadata = Object.keys(headers)
      // What is left of a deadline differs by a millisecond or so between two calls.
      .filter((name) => !name.startsWith(':') && name !== 'grpc-timeout')
      .sort()
      .map((name) => `${name}=${headers[name]}`)
      .join(' ');
    answers[String(headers['x-correlation-id'])]?.(stream, metadata);
  });
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
  [fast, decoding] = await Promise.all([proxyServer(true, routerUrl), proxyServer(false, routerUrl)]);
});
afterAll(async () => {
  await Promise.all([fast?.close(), decoding?.close()]);
  await new Promise<void>((resolve) => router.close(() => resolve()));
});

const request = (messageId = 'm-1') =>
  toBinary(RouteRequestSchema, create(RouteRequestSchema, {message: {tenantId: 'acme', messageId}, policyId: 'p'}));

/** What a caller can see of an answer; `date` differs by the clock, not by the path. */
function visible(response: RawResponse) {
  const {date: _date, ...headers} = response.headers;
  return {status: response.status, headers, body: response.body.toString('base64')};
}

/** The same request through both servers, over HTTP/1.1: both answers and the calls each made upstream. */
async function both(raw: RawRequest, send = http1Request) {
  const answered = [];
  const upstream = [];
  for (const server of [fast, decoding]) {
    const before = seen.length;
    answered.push(await send(server.url, raw));
    upstream.push(seen.slice(before));
  }
  const taken = [fast, decoding].map((server) => passedThrough.get(server)!.at(-1));
  return {fast: answered[0]!, decoding: answered[1]!, upstream, taken};
}

const connect = (correlationId: string, extra: Record<string, string> = {}, body = request()): RawRequest => ({
  path: DECIDE,
  headers: {'content-type': 'application/proto', 'x-correlation-id': correlationId, ...extra},
  body,
});

describe('a Connect binary call through the upstream proxy', () => {
  it.each([
    'ok',
    'echo',
    'gzip',
    'trailers-only',
    'details',
    'resource-exhausted',
    'http-503',
    'html',
    'two-messages',
    'no-status',
    'no-message',
    'refused',
    'huge',
    'reset',
  ])('answers a %s Router answer on the pass-through as the decoding path does', async (name) => {
    const {fast: passed, decoding: decoded, taken} = await both(connect(name));
    expect(taken).toEqual([true, false]);
    expect(visible(passed)).toEqual(visible(decoded));
  });

  it('hands the Router the same bytes and metadata on both paths: credentials and trace context, not the fault header', async () => {
    const {
      fast: passed,
      decoding: decoded,
      upstream,
    } = await both(
      connect('echo', {
        authorization: 'Bearer k',
        'x-api-key': 'k',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        'x-beamline-fault': 'error=0',
        cookie: 'a=b',
        'connect-timeout-ms': '1000',
      }),
    );
    expect(visible(passed)).toEqual(visible(decoded));
    // The caller's deadline goes on as grpc-timeout; what is left of it differs by a few milliseconds between two calls.
    const [viaFast, viaDecoding] = upstream.map((calls) =>
      calls.map(({headers: {'grpc-timeout': timeout, ...headers}, body}) => {
        expect(Number(String(timeout).replace(/m$/, ''))).toBeGreaterThan(500);
        expect(Number(String(timeout).replace(/m$/, ''))).toBeLessThanOrEqual(1_000);
        return {...headers, body};
      }),
    );
    expect(viaFast).toEqual([
      expect.objectContaining({authorization: 'Bearer k', 'x-api-key': 'k', body: framed(request())}),
    ]);
    expect(viaFast).toEqual(viaDecoding);
    expect(passed.headers['x-seen']).not.toMatch(/x-beamline-fault|cookie/);
    expect(passed.headers['trailer-x-after']).toBe('t');
  });

  it('compresses a large answer for a caller that accepts gzip, as connect-es does', async () => {
    const {
      fast: passed,
      decoding: decoded,
      taken,
    } = await both({
      ...connect('large', {'accept-encoding': 'br;q=0.5, gzip'}),
      path: LIST,
      body: new Uint8Array(0),
    });
    expect(taken).toEqual([true, false]);
    expect(passed.headers['content-encoding']).toBe('gzip');
    expect(visible(passed)).toEqual(visible(decoded));
  });

  it("ends at the caller's deadline with DEADLINE_EXCEEDED, and at the proxy's own with UNAVAILABLE", async () => {
    for (const extra of [{'connect-timeout-ms': '150'}, {}] as Record<string, string>[]) {
      const {fast: passed, decoding: decoded, taken} = await both(connect('silent', extra));
      expect(taken).toEqual([true, false]);
      expect(visible(passed)).toEqual(visible(decoded));
      expect(passed.status).toBe(extra['connect-timeout-ms'] ? 504 : 503);
    }
  });

  it.each([
    ['an injected error, after injected latency', {'x-beamline-fault': 'error=1;code=not_found;latency=5ms'}],
    ['a malformed fault header', {'x-beamline-fault': 'error=2'}],
    ['a rate-limit fault without a session', {'x-beamline-fault': 'ratelimit=5/s'}],
    ['a malformed room code', {'x-beamline-room': 'NOT A ROOM'}],
    ['injected latency on a good answer', {'x-beamline-fault': 'latency=3ms'}],
  ])('applies %s exactly as the decoding path does', async (_name, extra) => {
    const {fast: passed, decoding: decoded, taken} = await both(connect('echo', extra));
    expect(taken).toEqual([true, false]);
    const fromRouter = (answer: RawResponse) => answer.headers['x-seen'];
    expect({...visible(passed), seen: fromRouter(passed)}).toEqual({...visible(decoded), seen: fromRouter(decoded)});
  });

  it.each([
    ['a body that is no protobuf', new Uint8Array([0x0f, 0xff, 0xff])],
    ['a body over the size bound', request('x'.repeat(MAX_BODY_BYTES))],
  ])('refuses %s as the decoding path does, and never sends it to the Router', async (_name, body) => {
    const {fast: passed, decoding: decoded, upstream} = await both(connect('ok', {}, body));
    expect(visible(passed)).toEqual(visible(decoded));
    expect(passed.status).toBeGreaterThanOrEqual(400);
    expect(upstream).toEqual([[], []]);
  });

  it('answers over HTTP/2 (h2c) as over HTTP/1.1', async () => {
    const sessions = [fast, decoding].map((server) => http2.connect(server.url));
    try {
      let index = 0;
      const viaSession = (_url: string, raw: RawRequest) => http2Request(sessions[index++]!, raw);
      const {fast: passed, decoding: decoded, taken} = await both(connect('trailers-only'), viaSession);
      expect(taken).toEqual([true, false]);
      expect(visible(passed)).toEqual(visible(decoded));
    } finally {
      for (const session of sessions) session.close();
    }
  });

  it('passes gRPC calls through as well, answering as connect-es does', async () => {
    const sessions = [fast, decoding].map((server) => http2.connect(server.url));
    try {
      for (const name of ['ok', 'details', 'trailers-only', 'no-message']) {
        let index = 0;
        const viaSession = (_url: string, raw: RawRequest) => http2Request(sessions[index++]!, raw);
        const grpc = {
          path: DECIDE,
          headers: {'content-type': 'application/grpc', te: 'trailers', 'x-correlation-id': name},
          body: framed(request()),
        };
        const {fast: passed, decoding: decoded, taken, upstream} = await both(grpc, viaSession);
        expect(taken).toEqual([true, false]);
        expect({...visible(passed), trailers: passed.trailers}).toEqual({
          ...visible(decoded),
          trailers: decoded.trailers,
        });
        expect(upstream[0]!.map((call) => call.body)).toEqual(upstream[1]!.map((call) => call.body));
      }
    } finally {
      for (const session of sessions) session.close();
    }
  });

  it('leaves to connect-es what it cannot forward exactly: JSON, a compressed body, a malformed deadline', async () => {
    const cases: RawRequest[] = [
      {
        ...connect('ok'),
        headers: {'content-type': 'application/json', 'x-correlation-id': 'ok'},
        body: Buffer.from('{}'),
      },
      connect('ok', {'content-encoding': 'gzip'}, gzipSync(request())),
      connect('ok', {'connect-timeout-ms': 'soon'}),
    ];
    for (const raw of cases) {
      const {fast: passed, decoding: decoded, taken} = await both(raw);
      expect(taken).toEqual([false, false]);
      expect(visible(passed)).toEqual(visible(decoded));
    }
  });

  it('reads the decision the Router sent', async () => {
    const {fast: passed} = await both(connect('ok'));
    expect(fromBinary(RouteDecisionSchema, passed.body).providerId).toBe('bulk');
  });
});

describe('a Router nobody answers at', () => {
  it('is UNAVAILABLE without its address on both paths', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const servers = await Promise.all([proxyServer(true, url), proxyServer(false, url)]);
    try {
      const [passed, decoded] = await Promise.all(servers.map((server) => http1Request(server.url, connect('ok'))));
      expect(visible(passed!)).toEqual(visible(decoded!));
      expect(JSON.parse(passed!.body.toString())).toEqual({
        code: 'unavailable',
        message: 'upstream Router unreachable',
      });
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

describe('a server shutting down', () => {
  it('ends a call still waiting for the Router after the grace period with UNAVAILABLE on both paths', async () => {
    const servers = await Promise.all([proxyServer(true, routerUrl, 50), proxyServer(false, routerUrl, 50)]);
    const before = seen.length;
    const answers = servers.map((server) => http1Request(server.url, connect('silent')));
    await expect.poll(() => seen.length).toBe(before + 2);
    await Promise.all(servers.map((server) => server.close()));
    const [passed, decoded] = await Promise.all(answers);
    expect(servers.map((server) => passedThrough.get(server))).toEqual([[true], [false]]);
    expect(visible(passed!)).toEqual(visible(decoded!));
    expect(JSON.parse(passed!.body.toString())).toEqual({code: 'unavailable', message: 'the server is shutting down'});
  });
});
