/**
 * The gRPC fast path must answer as connect-es's gRPC handler does: the
 * same raw HTTP/2 request to an adapter with it and to one without it, in
 * front of the same services and interceptors, gets the same status,
 * headers, trailers and body — for good calls, failures, deadlines,
 * compression and malformed bodies.
 */
import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {gzipSync} from 'node:zlib';
import {create, fromBinary, toBinary} from '@bufbuild/protobuf';
import {Code, ConnectError, type HandlerContext, type Interceptor} from '@connectrpc/connect';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  ListPoliciesRequestSchema,
  type RouteDecision,
  RouteDecisionSchema,
  RouteRequestSchema,
  Router,
  RouterAdmin,
} from '@beamline/api/beamline/flow/v1/flow_pb';
import {Ledger} from '@beamline/api/beamline/playground/v1/ledger_pb';
import {decision, framed, GRPC, oddAnswers} from '../../test/support/odd-router.js';
import {envelope, http2Request, type RawRequest, type RawResponse} from '../../test/support/raw-http.js';
import {silentLogger} from '../logger.js';
import {createLedgerService} from '../ledger/ledger-service.js';
import {LedgerStore} from '../ledger/ledger-store.js';
import {createEmbeddedRouter, type RouterBackend} from '../router/service.js';
import {createUpstreamRouter, type UpstreamRouter} from '../upstream/proxy.js';
import {createRpcAdapter, type RpcCompletion} from './adapter.js';

const DECIDE = '/beamline.flow.v1.Router/Decide';
const LIST = '/beamline.flow.v1.RouterAdmin/ListPolicies';
const READ_MAX_BYTES = 1_024;
const ADMIN_KEY = 'k';

/** Calls held by the 'wait' case now. */
let waiting = 0;

/** What the interceptors do, by the request's x-case header. */
const cases: Interceptor = (next) => async (req) => {
  const which = req.header.get('x-case');
  if (which === 'error-with-metadata') {
    const error = new ConnectError('no; "quoted" ünïcode', Code.ResourceExhausted, {'retry-after': '3'});
    error.details.push({desc: RouteDecisionSchema, value: {providerId: 'detail'}});
    throw error;
  }
  if (which === 'not-a-connect-error') throw new Error('a bug in an interceptor');
  if (which === 'wait') {
    // Waits for the call's signal, as the fault interceptor's latency does.
    waiting++;
    await new Promise((_resolve, reject) =>
      req.signal.addEventListener('abort', () => {
        waiting--;
        reject(req.signal.reason);
      }),
    );
  }
  const res = await next(req);
  if (which === 'large' && !res.stream) {
    // Over compressMinBytes, so an answer to a caller that accepts gzip is compressed.
    (res.message as RouteDecision).metadata = {padding: 'x'.repeat(2_000)};
  }
  if (which === 'late-metadata') {
    res.header.set('x-header', 'h');
    res.trailer.set('x-trailer', 't');
  }
  return res;
};

interface Door {
  readonly url: string;
  readonly server: http2.Http2Server;
  readonly completions: RpcCompletion[];
  /** The handler context each Decide got, to tell which path answered. */
  readonly contexts: HandlerContext[];
  /** What the adapter logged as errors. */
  readonly errors: string[];
}

/** An h2c server answering Router, RouterAdmin and Ledger with or without the fast path. */
async function door(backend: RouterBackend, grpcFastPath: boolean, upstream?: UpstreamRouter): Promise<Door> {
  const completions: RpcCompletion[] = [];
  const contexts: HandlerContext[] = [];
  const errors: string[] = [];
  const handler = createRpcAdapter({
    routes: (router) => {
      router.service(Router, {
        decide: (request, context) => {
          contexts.push(context);
          return backend.router.decide(request, context);
        },
      });
      router.service(RouterAdmin, backend.admin);
      router.service(Ledger, createLedgerService(new LedgerStore()));
    },
    interceptors: [cases],
    readMaxBytes: READ_MAX_BYTES,
    shutdownSignal: new AbortController().signal,
    observe: () => (completion) => completions.push(completion),
    logger: {...silentLogger, error: (message) => errors.push(message)},
    grpcFastPath,
    ...(upstream ? {passThrough: upstream.passThrough} : {}),
  });
  const server = http2.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, completions, contexts, errors};
}

const closeDoor = (d: Door | undefined) => new Promise((resolve) => (d ? d.server.close(resolve) : resolve(0)));

/** What a caller can see of an answer; `date` differs by the clock, not by the path. */
function visible(response: RawResponse) {
  const {date: _date, ...headers} = response.headers;
  return {status: response.status, headers, trailers: response.trailers, body: response.body.toString('base64')};
}

/** The same raw request to both doors, each on a fresh session. */
async function both(fast: Door, connectEs: Door, raw: RawRequest): Promise<[RawResponse, RawResponse]> {
  const answers: RawResponse[] = [];
  for (const d of [fast, connectEs]) {
    const session = http2.connect(d.url);
    try {
      answers.push(await http2Request(session, raw));
    } finally {
      session.close();
    }
  }
  return [answers[0]!, answers[1]!];
}

const decideBody = (
  init: Parameters<typeof create<typeof RouteRequestSchema>>[1] = {
    message: {tenantId: 'acme', messageId: 'm-1', messageType: 'batch'},
  },
) => toBinary(RouteRequestSchema, create(RouteRequestSchema, init));
const grpc = (
  body: Uint8Array,
  headers: Record<string, string> = {},
  path = DECIDE,
  contentType = 'application/grpc',
): RawRequest => ({path, headers: {'content-type': contentType, te: 'trailers', ...headers}, body});

describe('the embedded Router over gRPC', () => {
  let fast: Door;
  let connectEs: Door;
  beforeAll(async () => {
    const backend = createEmbeddedRouter({adminApiKey: ADMIN_KEY});
    [fast, connectEs] = await Promise.all([door(backend, true), door(backend, false)]);
  });
  afterAll(() => Promise.all([closeDoor(fast), closeDoor(connectEs)]));

  it('answers on the fast path, whose handler context is not aborted when the call ends', async () => {
    const [passed, decoded] = await both(fast, connectEs, grpc(envelope(decideBody())));
    expect(visible(passed)).toEqual(visible(decoded));
    expect(fromBinary(RouteDecisionSchema, passed.body.subarray(5)).providerId).not.toBe('');
    // connect-es aborts every call's context at its end; the fast path leaves it alone (unary-call.ts).
    expect([fast.contexts.at(-1)?.signal.aborted, connectEs.contexts.at(-1)?.signal.aborted]).toEqual([false, true]);
    expect(fast.completions.at(-1)).toMatchObject({protocol: 'grpc', code: undefined, passedThrough: false});
  });

  it.each<[string, RawRequest]>([
    ['a good call with a correlation id', grpc(envelope(decideBody()), {'x-correlation-id': 'c-1'})],
    ['content type application/grpc+proto', grpc(envelope(decideBody()), {}, DECIDE, 'application/grpc+proto')],
    ['a call the Router refuses (no tenant)', grpc(envelope(decideBody({})))],
    ['an unknown policy', grpc(envelope(decideBody({message: {tenantId: 'acme'}, policyId: 'nope'})))],
    [
      'an admin call without the key',
      grpc(
        envelope(toBinary(ListPoliciesRequestSchema, create(ListPoliciesRequestSchema, {tenantId: 'acme'}))),
        {},
        LIST,
      ),
    ],
    [
      'an admin call with the key',
      grpc(
        envelope(toBinary(ListPoliciesRequestSchema, create(ListPoliciesRequestSchema, {tenantId: 'acme'}))),
        {'x-api-key': ADMIN_KEY},
        LIST,
      ),
    ],
    ['an error with metadata and details', grpc(envelope(decideBody()), {'x-case': 'error-with-metadata'})],
    ['an error that is no ConnectError', grpc(envelope(decideBody()), {'x-case': 'not-a-connect-error'})],
    ['metadata an interceptor adds', grpc(envelope(decideBody()), {'x-case': 'late-metadata'})],
    [
      'a large answer to a caller that accepts gzip',
      grpc(envelope(decideBody()), {'x-case': 'large', 'grpc-accept-encoding': 'gzip'}),
    ],
    ['a large answer to a caller that accepts nothing', grpc(envelope(decideBody()), {'x-case': 'large'})],
    [
      'a small answer to a caller that accepts gzip',
      grpc(envelope(decideBody()), {'grpc-accept-encoding': 'br, gzip'}),
    ],
    ['a deadline that passes', grpc(envelope(decideBody()), {'x-case': 'wait', 'grpc-timeout': '30m'})],
    ['no message', grpc(new Uint8Array(0))],
    ['two messages', grpc(Buffer.concat([envelope(decideBody()), envelope(decideBody())]))],
    ['a cut envelope', grpc(envelope(decideBody()).subarray(0, 8))],
    ['a cut envelope header', grpc(new Uint8Array([0, 0, 0]))],
    ['a message over readMaxBytes', grpc(envelope(decideBody({message: {tenantId: 'x'.repeat(READ_MAX_BYTES)}})))],
    ['an envelope that promises more than readMaxBytes', grpc(Buffer.from([0, 0x7f, 0xff, 0xff, 0xff, 1, 2]))],
    ['a compressed envelope without grpc-encoding', grpc(envelope(gzipSync(decideBody()), 1))],
    ['a message that is no protobuf', grpc(envelope(new Uint8Array([0x0f, 0xff, 0xff])))],
    ['a Ledger call', grpc(envelope(new Uint8Array(0)), {}, '/beamline.playground.v1.Ledger/Append')],
    // Left to connect-es: the answers match because both doors hand them to it.
    ['JSON', grpc(envelope(Buffer.from('{}')), {}, DECIDE, 'application/grpc+json')],
    ['a compressed request', grpc(envelope(gzipSync(decideBody()), 1), {'grpc-encoding': 'gzip'})],
    ['a malformed deadline', grpc(envelope(decideBody()), {'grpc-timeout': 'soon'})],
    ['a GET', {...grpc(new Uint8Array(0)), method: 'GET', body: undefined}],
  ])('answers %s as connect-es does', async (_name, raw) => {
    const [passed, decoded] = await both(fast, connectEs, raw);
    expect(visible(passed)).toEqual(visible(decoded));
    expect(fast.completions.at(-1)).toEqual({...connectEs.completions.at(-1), durationMs: expect.any(Number)});
  });

  it('counts a caller that resets the stream mid-call as CANCELED and logs nothing', async () => {
    const session = http2.connect(fast.url);
    try {
      const stream = session.request({
        ':method': 'POST',
        ':path': DECIDE,
        ...grpc(new Uint8Array(0)).headers,
        'x-case': 'wait',
      });
      stream.on('error', () => {});
      stream.end(envelope(decideBody()));
      const before = fast.completions.length;
      await expect.poll(() => waiting).toBe(1);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await expect.poll(() => fast.completions.length).toBe(before + 1);
      expect(fast.completions.at(-1)).toMatchObject({code: Code.Canceled});
      expect(fast.errors).toEqual([]);
    } finally {
      session.close();
    }
  });

  it('sends a large answer gzipped when the caller accepts it', async () => {
    const [passed] = await both(
      fast,
      connectEs,
      grpc(envelope(decideBody()), {'x-case': 'large', 'grpc-accept-encoding': 'gzip'}),
    );
    expect([passed.headers['grpc-encoding'], passed.body[0]]).toEqual(['gzip', 1]);
  });
});

describe('the upstream proxy over gRPC', () => {
  let router: http2.Http2Server;
  let upstream: UpstreamRouter;
  let fast: Door;
  let connectEs: Door;
  beforeAll(async () => {
    router = http2.createServer();
    router.on('stream', (stream, headers) => {
      stream.on('error', () => {});
      stream.resume();
      stream.on('end', () => oddAnswers[String(headers['x-correlation-id'])]?.(stream));
    });
    await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
    upstream = createUpstreamRouter({
      url: `http://127.0.0.1:${(router.address() as AddressInfo).port}`,
      timeoutMs: 1_000,
      pingIntervalMs: 60_000,
      logger: silentLogger,
    });
    [fast, connectEs] = await Promise.all([door(upstream, true, upstream), door(upstream, false, upstream)]);
  });
  afterAll(async () => {
    upstream?.close();
    await Promise.all([closeDoor(fast), closeDoor(connectEs), new Promise((resolve) => router.close(resolve))]);
  });

  it.each([
    'ok',
    'gzip',
    'trailers-only',
    'details',
    'http-503',
    'two-messages',
    'no-message',
    'refused',
    'huge',
    'silent',
  ])('passes the bytes of a %s Router answer on and answers as connect-es does', async (name) => {
    const [passed, decoded] = await both(fast, connectEs, grpc(envelope(decideBody()), {'x-correlation-id': name}));
    expect(visible(passed)).toEqual(visible(decoded));
    expect(fast.completions.at(-1)).toMatchObject({passedThrough: true, code: connectEs.completions.at(-1)?.code});
  });

  it("answers the Router's decision", async () => {
    const [passed] = await both(fast, connectEs, grpc(envelope(decideBody()), {'x-correlation-id': 'ok'}));
    expect(Buffer.compare(passed.body, framed(decision))).toBe(0);
    expect(passed.headers['content-type']).toBe(GRPC['content-type']);
  });
});
