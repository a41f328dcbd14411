/** What the pass-through does with messages: the bytes as they came, unless an interceptor touches a message. */
import http from 'node:http';
import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {create, type DescMessage, fromBinary, type MessageShape, toBinary} from '@bufbuild/protobuf';
import {Code, ConnectError, type Interceptor, type UnaryResponse} from '@connectrpc/connect';
import {afterEach, describe, expect, it} from 'vitest';
import {
  type RouteDecision,
  RouteDecisionSchema,
  type RouteRequest,
  RouteRequestSchema,
  Router,
} from '@beamline/api/beamline/flow/v1/flow_pb';
import {http1Request} from '../../test/support/raw-http.js';
import {silentLogger} from '../logger.js';
import {createRpcAdapter, type RpcCompletion} from './adapter.js';
import type {ForwardBytes} from './pass-through.js';

const DECIDE = '/beamline.flow.v1.Router/Decide';
/** A decision followed by field 99 (varint 7), which this schema does not know: re-encoding would move or drop nothing, but the bytes show whether they were touched. */
const routerBytes = Buffer.concat([
  toBinary(RouteDecisionSchema, create(RouteDecisionSchema, {providerId: 'alpha', reason: 'weighted'})),
  Buffer.from([0x98, 0x06, 0x07]),
]);
const requestBytes = toBinary(
  RouteRequestSchema,
  create(RouteRequestSchema, {policyId: 'p', message: {tenantId: 't'}}),
);

let server: http.Server | http2.Http2Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose Router calls pass through to `forward`, behind `interceptors`. */
async function passingServer(
  interceptors: Interceptor[],
  forward: ForwardBytes,
  completions: RpcCompletion[] = [],
  create: (handler: ReturnType<typeof createRpcAdapter>) => http.Server | http2.Http2Server = (handler) =>
    http.createServer(handler),
) {
  const handler = createRpcAdapter({
    routes: (router) =>
      router.service(Router, {
        decide: () => {
          throw new ConnectError('the decoding path was taken', Code.Internal);
        },
      }),
    interceptors,
    readMaxBytes: 1024,
    shutdownSignal: new AbortController().signal,
    passThrough: {methods: [Router.method.decide], forward},
    observe: () => (completion) => completions.push(completion),
    logger: silentLogger,
  });
  server = create(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (headers: Record<string, string> = {}) =>
    http1Request(url, {path: DECIDE, headers: {'content-type': 'application/proto', ...headers}, body: requestBytes});
}

/** Records what reached the Router and answers `routerBytes`. */
function recordingRouter() {
  const sent: Uint8Array[] = [];
  const forward: ForwardBytes = async (_method, message) => {
    sent.push(message);
    return {message: routerBytes, header: new Headers({'x-router': 'r'}), trailer: new Headers({'x-late': 'l'})};
  };
  return {sent, forward};
}

const asRequest = (message: MessageShape<DescMessage>) => message as RouteRequest;
const asDecision = (message: MessageShape<DescMessage>) => message as RouteDecision;

describe('the pass-through', () => {
  it('sends the request bytes and answers the Router bytes untouched, with its metadata', async () => {
    const router = recordingRouter();
    const completions: RpcCompletion[] = [];
    const call = await passingServer([], router.forward, completions);
    const res = await call();
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body, routerBytes)).toBe(0);
    expect(Buffer.compare(Buffer.from(router.sent[0]!), Buffer.from(requestBytes))).toBe(0);
    expect([res.headers['x-router'], res.headers['trailer-x-late']]).toEqual(['r', 'l']);
    expect(completions.at(-1)).toMatchObject({passedThrough: true, code: undefined, httpStatus: 200});
  });

  it('gives interceptors the decoded request, and sends the message an interceptor put in its place', async () => {
    const router = recordingRouter();
    const seen: string[] = [];
    const replace: Interceptor = (next) => (req) => {
      if (!req.stream) seen.push(asRequest(req.message).policyId);
      return next({...req, message: create(RouteRequestSchema, {policyId: 'changed'})} as typeof req);
    };
    const res = await (await passingServer([replace], router.forward))();
    expect(res.status).toBe(200);
    expect(seen).toEqual(['p']);
    expect(fromBinary(RouteRequestSchema, router.sent[0]!).policyId).toBe('changed');
  });

  it('answers the message an interceptor read and changed, re-encoded', async () => {
    const router = recordingRouter();
    const change: Interceptor = (next) => async (req) => {
      const res = await next(req);
      if (!res.stream) asDecision(res.message).reason = 'changed';
      return res;
    };
    const res = await (await passingServer([change], router.forward))();
    expect(fromBinary(RouteDecisionSchema, res.body)).toMatchObject({providerId: 'alpha', reason: 'changed'});
  });

  it('answers the message of a response an interceptor made itself', async () => {
    const router = recordingRouter();
    const own: Interceptor = (next) => async (req) => {
      const {service, method, header, trailer} = await next(req);
      const message = create(RouteDecisionSchema, {providerId: 'own'});
      return {stream: false, service, method, header, trailer, message} as UnaryResponse;
    };
    const res = await (await passingServer([own], router.forward))();
    expect(fromBinary(RouteDecisionSchema, res.body).providerId).toBe('own');
  });

  it('counts a caller that reset its HTTP/2 stream before the answer as CANCELED', async () => {
    const completions: RpcCompletion[] = [];
    let forwarded = 0;
    await passingServer(
      [],
      (_method, _message, call) =>
        new Promise((_resolve, reject) => {
          forwarded++;
          // As an interceptor's wait does: the signal's own reason, no ConnectError.
          call.signal.addEventListener('abort', () => reject(call.signal.reason));
        }),
      completions,
      (handler) => http2.createServer(handler),
    );
    const session = http2.connect(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`);
    try {
      const stream = session.request({':method': 'POST', ':path': DECIDE, 'content-type': 'application/proto'});
      stream.on('error', () => {});
      stream.end(Buffer.from(requestBytes));
      await expect.poll(() => forwarded).toBe(1);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await expect.poll(() => completions.at(-1)).toMatchObject({passedThrough: true, code: Code.Canceled});
    } finally {
      session.close();
    }
  });

  it('counts a caller that hung up before the answer as CANCELED, and cancels the upstream call', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const completions: RpcCompletion[] = [];
    await passingServer(
      [],
      (_method, _message, forwarded) =>
        new Promise((_resolve, reject) => {
          upstreamSignal = forwarded.signal;
          forwarded.signal.addEventListener('abort', () => reject(new ConnectError('gone', Code.Canceled)));
        }),
      completions,
    );
    const controller = new AbortController();
    const {port} = server!.address() as AddressInfo;
    const req = http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: DECIDE,
      signal: controller.signal,
      headers: {'content-type': 'application/proto'},
    });
    req.on('error', () => {});
    req.end(Buffer.from(requestBytes));
    await expect.poll(() => upstreamSignal).toBeDefined();
    controller.abort();
    await expect.poll(() => upstreamSignal?.aborted).toBe(true);
    await expect.poll(() => completions.at(-1)).toMatchObject({passedThrough: true, code: Code.Canceled});
  });
});
