import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {create, fromBinary, toBinary} from '@bufbuild/protobuf';
import {Code, ConnectError, createClient} from '@connectrpc/connect';
import {createGrpcTransport, Http2SessionManager} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RouteDecisionSchema, RouteRequestSchema, Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {oddAnswers} from '../../test/support/odd-router.js';
import {callUnary} from './grpc-unary.js';
import {GuardedSessionManager} from './guarded-session-manager.js';

describe('callUnary against a Router that answers oddly', () => {
  let server: http2.Http2Server;
  let url: string;
  let sessions: GuardedSessionManager;
  let connectSessions: Http2SessionManager;
  const seen: {headers: http2.IncomingHttpHeaders; body: Promise<Buffer>; rstCode: Promise<number>}[] = [];

  beforeAll(async () => {
    server = http2.createServer();
    server.on('stream', (stream, headers) => {
      // The resets these cases make or receive are the point, not a failure of the test server.
      stream.on('error', () => {});
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const rstCode = new Promise<number>((resolve) => stream.on('close', () => resolve(stream.rstCode)));
      // Counted on arrival: on a loaded machine a call can be cut at its deadline before its request's end arrives.
      seen.push({
        headers,
        body: new Promise((resolve) => stream.on('end', () => resolve(Buffer.concat(chunks)))),
        rstCode,
      });
      oddAnswers[String(headers['x-case'])]!(stream);
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
    const {headers} = seen.at(-1)!;
    const body = await seen.at(-1)!.body;
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
