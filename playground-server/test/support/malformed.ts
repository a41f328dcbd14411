/**
 * Malformed requests for the fuzz test, drawn from a seeded random source so
 * that a failing case replays from its seed and index. Each case is valid
 * HTTP carrying invalid RPC input: the server must answer every one with a
 * client error, never a 5xx, a crash or a stack trace.
 */
import {gzipSync} from 'node:zlib';
import {create, toBinary} from '@bufbuild/protobuf';
import {RouteRequestSchema, UpsertPolicyRequestSchema} from '@beamline/api/beamline/flow/v1/flow_pb';
import type {Random} from '@beamline/resilience/random';
import {envelope, type RawRequest} from './raw-http.js';

export interface FuzzCase {
  /** What kind of malformation, for the failure report. */
  readonly kind: string;
  readonly transport: 'http1' | 'http2';
  readonly request: RawRequest;
  /** The server may refuse the stream or connection itself (headers over the limit). */
  readonly mayDrop?: boolean;
  /**
   * The request names a compression the server does not support, which
   * Connect and gRPC both answer with UNIMPLEMENTED (HTTP 501 in Connect):
   * a 5xx the protocols prescribe, not a server fault.
   */
  readonly unsupportedEncoding?: boolean;
}

const SUPPORTED_ENCODINGS = new Set(['gzip', 'br', 'identity']);

const RPC_PATHS = [
  '/beamline.flow.v1.Router/Decide',
  '/beamline.flow.v1.RouterAdmin/UpsertPolicy',
  '/beamline.flow.v1.RouterAdmin/GetPolicy',
  '/beamline.flow.v1.RouterAdmin/ListPolicies',
  '/beamline.flow.v1.RouterAdmin/DeletePolicy',
];
const FACADE_PATH = '/api/v1/routes/decide';

const validDecide = toBinary(
  RouteRequestSchema,
  create(RouteRequestSchema, {
    message: {tenantId: 'acme', messageId: 'm-1', messageType: 'batch', metadata: {a: 'b'}, timestampMs: 5n},
    policyId: 'default',
    context: {tier: 'gold'},
  }),
);
const validUpsert = toBinary(
  UpsertPolicyRequestSchema,
  create(UpsertPolicyRequestSchema, {
    tenantId: 'acme',
    policy: {policyId: 'p', providers: [{id: 'a', weight: 1}], rules: [{match: '*', prefer: ['a']}]},
  }),
);

const BAD_JSON = [
  '{not json',
  '',
  'null',
  '[]',
  '"just a string"',
  '{"message": 5}',
  '{"message": {"tenantId": 7, "messageId": []}}',
  '{"message": {"timestampMs": "yesterday"}}',
  '{"message": {"timestampMs": "99999999999999999999999999"}}',
  '{"message": {"payload": "not base64 %%%"}}',
  '{"message": {"metadata": {"k": 1}}}',
  '{"policyId": {"nested": true}}',
  '{"message": {"tenantId": "a", "messageId": "b"}, "context": [1, 2]}',
  '{"policy": {"providers": [{"weight": "heavy"}]}, "tenantId": "t"}',
  '{"message": {"tenantId": "\\ud800", "messageId": "x"}}',
  '\ufeff{}',
  '{"a":1}{"b":2}',
];

const CONTENT_TYPES_WRONG = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/connect+proto',
  'application/connect+json',
  'application/proto+json',
  '',
  'application/grpc-web-text',
  'application/grpc+thrift',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** A valid message damaged: bytes flipped, cut short or extended with garbage. */
function mutated(random: Random, valid: Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(valid);
  switch (int(random, 0, 3)) {
    case 0:
      for (let i = int(random, 1, 4); i > 0; i--) bytes[int(random, 0, bytes.length - 1)] = int(random, 0, 255);
      return bytes;
    case 1:
      return bytes.subarray(0, int(random, 1, bytes.length - 1));
    case 2:
      return Buffer.concat([bytes, randomBytes(random, int(random, 1, 16))]);
    default:
      // A length-delimited field claiming more bytes than there are.
      return Buffer.concat([bytes, Uint8Array.of(0x0a, 0xff, 0xff, 0x03)]);
  }
}

function badProtobuf(random: Random, path: string): Uint8Array {
  return random() < 0.4
    ? randomBytes(random, int(random, 1, 64))
    : mutated(random, path.endsWith('Decide') ? validDecide : validUpsert);
}

function badJson(random: Random): Uint8Array {
  const roll = random();
  if (roll < 0.1) {
    const depth = int(random, 100, 3000);
    return new TextEncoder().encode(`{"message":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  }
  if (roll < 0.2) {
    return randomBytes(random, int(random, 1, 64)); // not even UTF-8
  }
  const text = pick(random, BAD_JSON);
  return new TextEncoder().encode(random() < 0.2 ? text.slice(0, int(random, 0, text.length)) : text);
}

/** A gRPC / gRPC-Web request body that breaks the envelope framing or its flags. */
function badEnvelope(random: Random, path: string): Uint8Array {
  const payload = badProtobuf(random, path);
  switch (int(random, 0, 7)) {
    case 0:
      return envelope(payload);
    case 1: {
      const framed = envelope(validDecide);
      return framed.subarray(0, int(random, 1, framed.length - 1)); // cut inside the frame
    }
    case 2: {
      const framed = Buffer.from(envelope(validDecide));
      framed.writeUInt32BE(validDecide.length + int(random, 1, 1000), 1); // claims more than it has
      return framed;
    }
    case 3:
      return envelope(validDecide, 0x01); // "compressed", with no grpc-encoding
    case 4:
      return envelope(validDecide, 0x80); // a trailer frame from the client
    case 5:
      return Buffer.concat([envelope(validDecide), envelope(validDecide)]); // two messages for a unary call
    case 6:
      return new Uint8Array(0);
    default:
      return randomBytes(random, int(random, 1, 40));
  }
}

function hugeHeaders(random: Random): Record<string, string> {
  return {[`x-huge-${int(random, 0, 9)}`]: 'h'.repeat(int(random, 20_000, 60_000))};
}

/** Header values that are well-formed HTTP but wrong for the protocol. */
function badProtocolHeaders(random: Random, protocol: 'connect' | 'grpc'): Record<string, string> {
  const options: Record<string, string>[] =
    protocol === 'connect'
      ? [
          {'connect-protocol-version': '2'},
          {'connect-timeout-ms': pick(random, ['-1', 'abc', '99999999999999', '1.5'])},
          {'content-encoding': pick(random, ['gzip', 'br', 'zstd', 'identity, gzip'])},
          {'connect-accept-encoding': 'nonsense'},
        ]
      : [
          {'grpc-timeout': pick(random, ['abc', '99999999999H', '-1S', '1x', ''])},
          {'grpc-encoding': pick(random, ['gzip', 'br', 'snappy'])},
          {'grpc-accept-encoding': 'nonsense'},
        ];
  const faultSpecs = [
    'error=2',
    'latency=1h',
    'code=nope;error=1',
    'ratelimit=0/s',
    '=;=;',
    'latency=-5ms',
    '%%%',
    'jitter=1e309',
  ];
  return random() < 0.3 ? {'x-beamline-fault': pick(random, faultSpecs)} : pick(random, options);
}

const FACADE_BODIES = [
  '{not json',
  '{}',
  '{"version":"2"}',
  '{"version":"1","tenant_id":5,"request_id":"r","task":{"type":"t","payload":{}}}',
  '{"version":"1","tenant_id":"t","request_id":"r","task":"oops"}',
  '{"version":"1","tenant_id":"t","request_id":"r","task":{"type":"t","payload":{}},"context":[1]}',
  '[]',
  '',
];

/** The `index`-th case of a run. */
export function malformedCase(random: Random, index: number): FuzzCase {
  const path = pick(random, RPC_PATHS);
  switch (index % 10) {
    case 0:
    case 1: {
      const binary = random() < 0.5;
      return {
        kind: binary ? 'connect: bad protobuf' : 'connect: bad JSON',
        transport: 'http1',
        request: {
          path,
          headers: {'content-type': binary ? 'application/proto' : 'application/json'},
          body: binary ? badProtobuf(random, path) : badJson(random),
        },
      };
    }
    case 2:
      return {
        kind: 'connect: wrong content type',
        transport: random() < 0.5 ? 'http1' : 'http2',
        request: {
          path,
          headers: {'content-type': pick(random, CONTENT_TYPES_WRONG)},
          body: random() < 0.5 ? validDecide : badJson(random),
        },
      };
    case 3: {
      const body = random() < 0.5 ? validDecide : gzipSync(Buffer.from(validDecide)).subarray(0, int(random, 1, 10));
      const headers = badProtocolHeaders(random, 'connect');
      const encoding = headers['content-encoding'];
      return {
        kind: 'connect: bad protocol headers',
        transport: 'http1',
        request: {path, headers: {'content-type': 'application/proto', ...headers}, body},
        unsupportedEncoding: encoding !== undefined && !SUPPORTED_ENCODINGS.has(encoding),
      };
    }
    case 4:
      return {
        kind: 'huge headers',
        transport: random() < 0.5 ? 'http1' : 'http2',
        request: {path, headers: {'content-type': 'application/proto', ...hugeHeaders(random)}, body: validDecide},
        mayDrop: true,
      };
    case 5:
    case 6:
      return {
        kind: 'gRPC-Web: bad envelope',
        transport: 'http1',
        request: {
          path,
          headers: {
            'content-type': pick(random, [
              'application/grpc-web',
              'application/grpc-web+proto',
              'application/grpc-web+json',
            ]),
          },
          body: badEnvelope(random, path),
        },
      };
    case 7:
    case 8:
      return {
        kind: 'gRPC: bad envelope or headers',
        transport: 'http2',
        request: {
          path,
          headers: {
            'content-type': pick(random, ['application/grpc', 'application/grpc+proto', 'application/grpc+json']),
            te: 'trailers',
            ...(random() < 0.3 ? badProtocolHeaders(random, 'grpc') : {}),
          },
          body: badEnvelope(random, path),
        },
      };
    default:
      return hostileShape(random, path);
  }
}

/**
 * Issue 13's shapes on the facade and the RPC door: bad facade bodies,
 * JSON nested past what JSON.stringify can write back, HTTP/2 methods no
 * route knows (metric labels), absolute-form targets, and keys of 15 KB
 * (tenant, session) that capped maps must not keep.
 */
function hostileShape(random: Random, rpcPath: string): FuzzCase {
  const roll = random();
  if (roll < 0.15) {
    const depth = int(random, 600, 30_000);
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    return {
      kind: 'HTTP facade: deeply nested JSON',
      transport: 'http1',
      request: {
        path: FACADE_PATH,
        headers: {'content-type': 'application/json', 'x-tenant-id': 'acme'},
        body: new TextEncoder().encode(
          `{"version":"1","tenant_id":"acme","request_id":"r","task":{"type":"t","payload":{"a":${nested}}}}`,
        ),
      },
    };
  }
  if (roll < 0.3) {
    return {
      kind: 'HTTP/2: a method no route knows',
      transport: 'http2',
      request: {
        method: `X${Math.floor(random() * 1e9).toString(36)}`,
        path: pick(random, [FACADE_PATH, rpcPath, '/healthz', '/api/v1/messages/stream?tenant_id=t']),
        headers: {'content-type': 'application/json'},
        body: new TextEncoder().encode('{}'),
      },
    };
  }
  if (roll < 0.45) {
    return {
      kind: 'HTTP/1.1: absolute-form target',
      transport: 'http1',
      request: {
        path: pick(random, [`http://x${FACADE_PATH}`, 'http://x/x/../api/v1/routes/decide', `http://x${rpcPath}`]),
        headers: {'content-type': 'application/json', 'x-tenant-id': 'acme'},
        body: new TextEncoder().encode(pick(random, FACADE_BODIES)),
      },
    };
  }
  if (roll < 0.6) {
    const long = `${Math.floor(random() * 1e9)}-${'k'.repeat(15_000)}`;
    const facade = random() < 0.5;
    return {
      kind: 'long tenant or session key',
      transport: 'http1',
      request: facade
        ? {
            path: FACADE_PATH,
            headers: {'content-type': 'application/json', 'x-tenant-id': long},
            body: new TextEncoder().encode(pick(random, FACADE_BODIES)),
          }
        : {
            path: rpcPath,
            headers: {'content-type': 'application/proto', 'x-beamline-session': long},
            body: validDecide,
          },
    };
  }
  const body = pick(random, FACADE_BODIES);
  return {
    kind: 'HTTP facade: bad request',
    transport: 'http1',
    request: {
      path: FACADE_PATH,
      headers: {
        'content-type': pick(random, ['application/json', 'text/plain', '']),
        ...(random() < 0.7 ? {'x-tenant-id': 'acme'} : {}),
      },
      body: new TextEncoder().encode(random() < 0.3 ? body.slice(0, int(random, 0, body.length)) : body),
    },
  };
}
