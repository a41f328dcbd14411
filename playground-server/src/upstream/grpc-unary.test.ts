import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {gzipSync} from 'node:zlib';
import {create, fromBinary, toBinary} from '@bufbuild/protobuf';
import {Code, ConnectError, createClient} from '@connectrpc/connect';
import {createGrpcTransport, Http2SessionManager} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RouteDecisionSchema, RouteRequestSchema, Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {callUnary, MAX_RESPONSE_BYTES} from './grpc-unary.js';
import {GuardedSessionManager} from './guarded-session-manager.js';

const decision = toBinary(RouteDecisionSchema, create(RouteDecisionSchema, {providerId: 'bulk', reason: 'r'}));
const framed = (message: Uint8Array, flags = 0) => {
  const envelope = Buffer.alloc(5 + message.byteLength);
  envelope[0] = flags;
  envelope.writeUInt32BE(message.byteLength, 1);
  envelope.set(message, 5);
  return envelope;
};
const GRPC = {':status': 200, 'content-type': 'application/grpc+proto'};
// google.rpc.Status{code: 5, message: "gone", details: [Any{type_url: ".../x.Info", value: 0x01}]}
const statusDetails = Buffer.from([
  0x08,
  0x05,
  0x12,
  0x04,
  ...Buffer.from('gone'),
  0x1a,
  0x1e,
  0x0a,
  0x19,
  ...Buffer.from('type.googleapis.com/x.Inf'),
  0x12,
  0x01,
  0x01,
]).toString('base64');

/** What the Router under test does, chosen by the call's x-case header. */
const answers: Record<string, (stream: http2.ServerHttp2Stream) => void> = {
  ok: (stream) => {
    stream.respond({...GRPC, 'x-node': 'r1'}, {waitForTrailers: true});
    stream.on('wantTrailers', () => stream.sendTrailers({'grpc-status': '0', 'x-after': 't'}));
    stream.end(framed(decision));
  },
  gzip: (stream) => {
    stream.respond({...GRPC, 'grpc-encoding': 'gzip'}, {waitForTrailers: true});
    stream.on('wantTrailers', () => stream.sendTrailers({'grpc-status': '0'}));
    stream.end(framed(gzipSync(decision), 1));
  },
  'trailers-only': (stream) => {
    stream.respond(
      {...GRPC, 'grpc-status': '5', 'grpc-message': 'policy%20%22eu%22%20not%20found', 'x-a': '1'},
      {endStream: true},
    );
  },
  details: (stream) => {
    stream.respond(GRPC, {waitForTrailers: true});
    stream.on('wantTrailers', () =>
      stream.sendTrailers({'grpc-status': '5', 'grpc-status-details-bin': statusDetails, 'x-b': '2'}),
    );
    stream.end();
  },
  'http-503': (stream) => {
    stream.respond({':status': 503, 'content-type': 'text/plain'});
    stream.end('busy');
  },
  html: (stream) => {
    stream.respond({':status': 200, 'content-type': 'text/html'});
    stream.end('<p>');
  },
  'two-messages': (stream) => {
    stream.respond(GRPC, {waitForTrailers: true});
    stream.on('wantTrailers', () => stream.sendTrailers({'grpc-status': '0'}));
    stream.end(Buffer.concat([framed(decision), framed(decision)]));
  },
  'no-status': (stream) => {
    stream.respond(GRPC);
    stream.end(framed(decision));
  },
  'no-message': (stream) => {
    stream.respond(GRPC, {waitForTrailers: true});
    stream.on('wantTrailers', () => stream.sendTrailers({'grpc-status': '0'}));
    stream.end();
  },
  refused: (stream) => stream.close(http2.constants.NGHTTP2_REFUSED_STREAM),
  huge: (stream) => {
    stream.respond(GRPC);
    stream.end(framed(Buffer.alloc(MAX_RESPONSE_BYTES + 1)));
  },
  silent: () => {},
};

describe('callUnary against a Router that answers oddly', () => {
  let server: http2.Http2Server;
  let url: string;
  let sessions: GuardedSessionManager;
  let connectSessions: Http2SessionManager;
  const seen: {headers: http2.IncomingHttpHeaders; body: Buffer; rstCode: Promise<number>}[] = [];

  beforeAll(async () => {
    server = http2.createServer();
    server.on('stream', (stream, headers) => {
      // The resets these cases make or receive are the point, not a failure of the test server.
      stream.on('error', () => {});
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const rstCode = new Promise<number>((resolve) => stream.on('close', () => resolve(stream.rstCode)));
      stream.on('end', () => seen.push({headers, body: Buffer.concat(chunks), rstCode}));
      answers[String(headers['x-case'])]!(stream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sessions = new GuardedSessionManager(url, {pingIntervalMs: 60_000});
    connectSessions = new Http2SessionManager(url);
  });
  afterAll(async () => {
    sessions.abort();
    connectSessions.abort();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const call = (name: string, options: {timeoutMs?: number; signal?: AbortSignal} = {}) =>
    callUnary(sessions, {
      path: `/${Router.typeName}/Decide`,
      message: toBinary(RouteRequestSchema, create(RouteRequestSchema, {policyId: 'p'})),
      headers: {'x-case': name, 'x-correlation-id': 'c-1'},
      timeoutMs: options.timeoutMs ?? 5_000,
      signal: options.signal ?? new AbortController().signal,
    });
  /** The same call through connect-node's gRPC transport, the client the proxy used before. */
  const viaConnect = (name: string) =>
    createClient(Router, createGrpcTransport({baseUrl: url, sessionManager: connectSessions})).decide(
      {policyId: 'p'},
      {headers: {'x-case': name}, timeoutMs: 5_000},
    );
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable('the call succeeded'),
      (reason: unknown) => ConnectError.from(reason),
    );
  const described = (error: ConnectError) => ({
    code: Code[error.code],
    message: error.rawMessage,
    metadata: [...error.metadata.entries()].filter(([name]) => name !== 'date'),
    details: error.details,
  });

  it('sends the message framed, with the gRPC headers, the deadline and the given metadata', async () => {
    await call('ok', {timeoutMs: 1_234});
    const {headers, body} = seen.at(-1)!;
    expect(headers).toMatchObject({
      ':method': 'POST',
      ':path': '/beamline.flow.v1.Router/Decide',
      'content-type': 'application/grpc+proto',
      te: 'trailers',
      'grpc-timeout': '1234m',
      'x-correlation-id': 'c-1',
    });
    const request = fromBinary(RouteRequestSchema, body.subarray(5));
    expect([body[0], body.readUInt32BE(1), request.policyId]).toEqual([0, body.byteLength - 5, 'p']);
  });

  it('returns the message, header and trailer of an answer', async () => {
    const response = await call('ok');
    expect(fromBinary(RouteDecisionSchema, response.message).providerId).toBe('bulk');
    expect([response.header['x-node'], response.trailer['x-after']]).toEqual(['r1', 't']);
  });

  it('decompresses a gzip answer', async () => {
    const response = await call('gzip');
    expect(fromBinary(RouteDecisionSchema, response.message)).toEqual(await viaConnect('gzip'));
  });

  it.each(['trailers-only', 'details', 'http-503', 'html', 'two-messages', 'no-status', 'no-message', 'refused'])(
    'fails a %s answer exactly as connect-node does',
    async (name) => {
      const ours = described(await failureOf(call(name)));
      expect(ours).toEqual(described(await failureOf(viaConnect(name))));
      expect(ours.code).not.toBe('Ok');
    },
  );

  it('refuses an answer past the size bound and resets the stream', async () => {
    const error = await failureOf(call('huge'));
    expect(Code[error.code]).toBe('ResourceExhausted');
  });

  it('ends at the deadline with DEADLINE_EXCEEDED and resets the stream with CANCEL', async () => {
    const started = performance.now();
    const error = await failureOf(call('silent', {timeoutMs: 100}));
    expect([Code[error.code], error.rawMessage]).toEqual(['DeadlineExceeded', 'the operation timed out']);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await seen.at(-1)!.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
  });

  it("ends with the caller's reason when the caller aborts, and resets the stream with CANCEL", async () => {
    const caller = new AbortController();
    const before = seen.length;
    const failed = failureOf(call('silent', {signal: caller.signal}));
    await expect.poll(() => seen.length).toBe(before + 1);
    caller.abort(new ConnectError('caller gone', Code.Canceled));
    expect([Code[(await failed).code], (await failed).rawMessage]).toEqual(['Canceled', 'caller gone']);
    expect(await seen.at(-1)!.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
  });
});
