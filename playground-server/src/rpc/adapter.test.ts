/** What the adapter adds to connect-node's: malformed input as INVALID_ARGUMENT, and outcomes. */
import http from 'node:http';
import http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {Code, ConnectError} from '@connectrpc/connect';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {envelope, grpcWebStatus, http1Request, http2Request} from '../../test/support/raw-http.js';
import {silentLogger} from '../logger.js';
import {createEmbeddedRouter} from '../router/service.js';
import {createRpcAdapter, type RpcCompletion} from './adapter.js';

const decide = '/beamline.flow.v1.Router/Decide';
/** Field 1 (message), wire type 7: no such wire type. */
const badProtobuf = new Uint8Array([0x0f, 0xff, 0xff]);
const completions: RpcCompletion[] = [];
let h1: http.Server;
let h2: http2.Http2Server;
let url1: string;
let url2: string;

beforeAll(async () => {
  const embedded = createEmbeddedRouter({adminApiKey: 'k'});
  const handler = createRpcAdapter({
    routes: (router) =>
      router.service(Router, {
        decide(request, context) {
          if (request.message?.messageId === 'bug') {
            throw new ConnectError('a bug in the handler', Code.Internal);
          }
          return embedded.router.decide(request, context);
        },
      }),
    interceptors: [],
    readMaxBytes: 1024,
    shutdownSignal: new AbortController().signal,
    observe: () => (completion) => completions.push(completion),
    logger: silentLogger,
  });
  h1 = http.createServer(handler);
  h2 = http2.createServer(handler);
  await Promise.all([h1, h2].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  url1 = `http://127.0.0.1:${(h1.address() as AddressInfo).port}`;
  url2 = `http://127.0.0.1:${(h2.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([h1, h2].map((server) => new Promise((resolve) => server.close(resolve))));
});

const lastCompletion = () => completions.at(-1);

describe('a request body connect-es cannot decode', () => {
  it('is INVALID_ARGUMENT over Connect (HTTP 400), message kept', async () => {
    const res = await http1Request(url1, {
      path: decide,
      headers: {'content-type': 'application/proto'},
      body: badProtobuf,
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toEqual({
      code: 'invalid_argument',
      message: expect.stringMatching(/^parse binary: /),
    });
    expect(res.headers['content-length']).toBe(String(res.body.length));
    expect(lastCompletion()).toMatchObject({code: Code.InvalidArgument, protocol: 'connect', httpStatus: 400});
  });

  it('is INVALID_ARGUMENT over gRPC-Web, in the trailer frame', async () => {
    const res = await http1Request(url1, {
      path: decide,
      headers: {'content-type': 'application/grpc-web+proto'},
      body: envelope(badProtobuf),
    });
    expect(res.status).toBe(200);
    expect(grpcWebStatus(res)).toBe(String(Code.InvalidArgument));
    expect(lastCompletion()).toMatchObject({code: Code.InvalidArgument, protocol: 'grpc_web'});
  });

  it('is INVALID_ARGUMENT over gRPC, in the trailers', async () => {
    const session = http2.connect(url2);
    try {
      const res = await http2Request(session, {
        path: decide,
        headers: {'content-type': 'application/grpc+proto', te: 'trailers'},
        body: envelope(badProtobuf),
      });
      const status = res.trailers['grpc-status'] ?? res.headers['grpc-status'];
      expect(status).toBe(String(Code.InvalidArgument));
      expect(lastCompletion()).toMatchObject({code: Code.InvalidArgument, protocol: 'grpc'});
    } finally {
      session.close();
    }
  });
});

describe('errors from the handlers themselves', () => {
  it("stay as they are: an INTERNAL that a handler raised is not the client's fault", async () => {
    const res = await http1Request(url1, {
      path: decide,
      headers: {'content-type': 'application/json'},
      body: new TextEncoder().encode(JSON.stringify({message: {tenantId: 't', messageId: 'bug'}})),
    });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body.toString())).toEqual({code: 'internal', message: 'a bug in the handler'});
    expect(lastCompletion()).toMatchObject({code: Code.Internal, httpStatus: 500});
  });
});

describe('outcomes', () => {
  it('reports a successful call with its method, protocol and duration', async () => {
    const res = await http1Request(url1, {
      path: decide,
      headers: {'content-type': 'application/json', 'x-correlation-id': 'c-9'},
      body: new TextEncoder().encode(JSON.stringify({message: {tenantId: 't', messageId: 'm'}})),
    });
    expect(res.status).toBe(200);
    expect(lastCompletion()).toMatchObject({
      service: 'beamline.flow.v1.Router',
      method: 'Decide',
      protocol: 'connect',
      code: undefined,
      httpStatus: 200,
      correlationId: 'c-9',
      clientAddress: '127.0.0.1',
    });
    expect(lastCompletion()!.durationMs).toBeGreaterThan(0);
  });

  it('answers a content type no protocol speaks with 415', async () => {
    const res = await http1Request(url1, {path: decide, headers: {'content-type': 'text/plain'}, body: badProtobuf});
    expect(res.status).toBe(415);
  });
});
