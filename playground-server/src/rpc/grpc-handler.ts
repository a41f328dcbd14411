import {Code, ConnectError} from '@connectrpc/connect';
import {compressionNegotiate} from '@connectrpc/connect/protocol';
import {
  contentTypeProto,
  grpcStatusOk,
  parseContentType,
  parseTimeout,
  setTrailerStatus,
} from '@connectrpc/connect/protocol-grpc';
import {callerLeft, header, type NodeRequest, nodeHeaders, webHeaders} from '../http-types.js';
import type {RpcOutcome} from './outcome.js';
import type {FastPath, FastPathOptions} from './unary-call.js';

/** Flag of a compressed envelope (gRPC's Compressed-Flag). */
const COMPRESSED = 0b1;

/**
 * Answers a gRPC unary call with a binary body (HTTP/2) the way
 * connect-es's gRPC handler does — content type, grpc-timeout, one
 * enveloped message within readMaxBytes, the answer's compression by
 * grpc-accept-encoding, the status (and error metadata) in the trailers
 * with connect-es's own setTrailerStatus — without its per-call machinery
 * (see unary-call.ts). For the embedded Router answering the proxy's gRPC
 * calls, connect-es's path cost 1.75-2× its own Connect path per call.
 *
 * Returns undefined for a call it cannot answer exactly — not a POST or
 * not HTTP/2, JSON, a compressed request, a malformed deadline — which the
 * caller then hands to connect-es.
 */
export function createGrpcHandler({limits, acceptCompression, run}: FastPathOptions): FastPath {
  return (req, res, contextValues, target) => {
    const type = parseContentType(header(req, 'content-type') ?? null);
    const encoding = header(req, 'grpc-encoding');
    const timeout = parseTimeout(header(req, 'grpc-timeout') ?? null, Number.MAX_SAFE_INTEGER);
    if (
      !('authority' in req) ||
      req.method !== 'POST' ||
      !type?.binary ||
      (encoding !== undefined && encoding !== 'identity') ||
      timeout.error
    ) {
      return undefined;
    }
    const compression = compressionNegotiate(
      acceptCompression,
      null,
      header(req, 'grpc-accept-encoding') ?? null,
      'grpc-accept-encoding',
    ).response;
    const responseHeader = new Headers({'content-type': contentTypeProto});
    if (compression) {
      responseHeader.set('grpc-encoding', compression.name);
    }
    const responseTrailer = new Headers({'grpc-status': grpcStatusOk});

    const answer = async (): Promise<RpcOutcome> => {
      const result = await run(res, {
        target,
        protocolName: 'grpc',
        url: `http://${req.authority}${req.url}`,
        requestHeader: webHeaders(req.headers),
        contextValues,
        timeoutMs: timeout.timeoutMs,
        read: () => readOneMessage(req, limits.readMaxBytes),
        responseHeader,
        responseTrailer,
      });
      let body: Uint8Array | undefined;
      if (result.error) {
        setTrailerStatus(responseTrailer, result.error);
      } else if (compression && result.body.byteLength >= limits.compressMinBytes) {
        body = envelope(COMPRESSED, await compression.compress(result.body));
      } else {
        body = envelope(0, result.body);
      }
      if (callerLeft(res)) {
        // The caller hung up: nobody saw a status.
        return {code: Code.Canceled, httpStatus: 200};
      }
      res.writeHead(200, nodeHeaders(responseHeader));
      res.addTrailers(nodeHeaders(responseTrailer));
      if (body) {
        res.end(body);
      } else {
        res.end();
      }
      return {code: result.error?.code, httpStatus: 200};
    };
    return answer();
  };
}

/**
 * The payload of the request's one enveloped message, with connect-es's
 * errors for a message over readMaxBytes (told by its envelope, before it
 * is read), none, a second one, a cut envelope or a compressed one. It
 * reads at most two envelopes' worth.
 */
async function readOneMessage(req: NodeRequest, readMaxBytes: number): Promise<Uint8Array> {
  let buffer: Buffer = Buffer.alloc(0);
  let first: {flags: number; data: Buffer} | undefined;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    buffer = buffer.byteLength === 0 ? chunk : Buffer.concat([buffer, chunk]);
    while (buffer.byteLength >= 5) {
      const length = buffer.readUInt32BE(1);
      if (length > readMaxBytes) {
        throw new ConnectError(
          `message size ${length} is larger than configured readMaxBytes ${readMaxBytes}`,
          Code.ResourceExhausted,
        );
      }
      if (buffer.byteLength < 5 + length) break;
      if (first) {
        throw new ConnectError('protocol error: received extra input message for unary method', Code.Unimplemented);
      }
      first = {flags: buffer[0]!, data: buffer.subarray(5, 5 + length)};
      buffer = buffer.subarray(5 + length);
    }
  }
  if (buffer.byteLength > 0) {
    throw new ConnectError('protocol error: incomplete envelope', Code.InvalidArgument);
  }
  if (!first) {
    throw new ConnectError('protocol error: missing input message for unary method', Code.Unimplemented);
  }
  if ((first.flags & COMPRESSED) === COMPRESSED) {
    throw new ConnectError('received compressed envelope, but do not know how to decompress', Code.Internal);
  }
  return first.data;
}

function envelope(flags: number, data: Uint8Array): Uint8Array {
  const bytes = Buffer.allocUnsafe(5 + data.byteLength);
  bytes[0] = flags;
  bytes.writeUInt32BE(data.byteLength, 1);
  bytes.set(data, 5);
  return bytes;
}
