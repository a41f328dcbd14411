/** A Router that answers oddly on purpose, for the tests of the proxy's gRPC client and of its two paths. */
import http2 from 'node:http2';
import {gzipSync} from 'node:zlib';
import {create, toBinary} from '@bufbuild/protobuf';
import {RouteDecisionSchema} from '@beamline/api/beamline/flow/v1/flow_pb';
import {MAX_RESPONSE_BYTES} from '../../src/upstream/grpc-unary.js';

/** The decision the odd Router sends when it sends one. */
export const decision = toBinary(RouteDecisionSchema, create(RouteDecisionSchema, {providerId: 'bulk', reason: 'r'}));

/** A gRPC message frame: flags, 4-byte big-endian length, message. */
export const framed = (message: Uint8Array, flags = 0) => {
  const envelope = Buffer.alloc(5 + message.byteLength);
  envelope[0] = flags;
  envelope.writeUInt32BE(message.byteLength, 1);
  envelope.set(message, 5);
  return envelope;
};
export const GRPC = {':status': 200, 'content-type': 'application/grpc+proto'};

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

/** What the odd Router does, by case name. */
export const oddAnswers: Record<string, (stream: http2.ServerHttp2Stream) => void> = {
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
