import type {DescMethodUnary} from '@bufbuild/protobuf';
import {Code} from '@connectrpc/connect';
import {compressionNegotiate, readAllBytes} from '@connectrpc/connect/protocol';
import {
  codeToHttpStatus,
  contentTypeUnaryJson,
  contentTypeUnaryProto,
  errorToJsonBytes,
  parseContentType,
  parseTimeout,
  trailerMux,
} from '@connectrpc/connect/protocol-connect';
import {callerLeft, header, nodeHeaders, webHeaders} from '../http-types.js';
import type {RpcOutcome} from './outcome.js';
import type {FastPath, FastPathOptions} from './unary-call.js';

/** What the upstream needs of one call: the caller's metadata, the time left, and when to give up. */
export interface ForwardedCall {
  readonly requestHeader: Headers;
  /** Milliseconds left of the caller's deadline; undefined: none. */
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal;
}

/** The upstream's answer: the response message as it sent it (protobuf binary) and its call metadata. */
export interface ForwardedAnswer {
  readonly message: Uint8Array;
  readonly header: Headers;
  readonly trailer: Headers;
}

/** Sends one request message's bytes upstream; rejects with the ConnectError the caller is to get. */
export type ForwardBytes = (
  method: DescMethodUnary,
  message: Uint8Array,
  call: ForwardedCall,
) => Promise<ForwardedAnswer>;

/** The methods whose calls may skip connect-es's decoding, and who forwards them. */
export interface PassThrough {
  readonly methods: readonly DescMethodUnary[];
  readonly forward: ForwardBytes;
}

/**
 * Answers a Connect unary call with a binary body by forwarding its bytes
 * to the upstream Router and the Router's bytes back, without connect-es's
 * per-call machinery (see unary-call.ts): in the proxy that machinery cost
 * more CPU than the Router's own work.
 *
 * The Connect protocol's parts happen as connect-es's Connect handler does
 * them, with its own helpers: the body read within readMaxBytes, the
 * request parsed by the same parser (so a bad body gets the same
 * INVALID_ARGUMENT and never reaches the Router), the deadline from
 * connect-timeout-ms, errors as the same JSON and HTTP status, trailers as
 * `trailer-` headers, the same response compression. The interceptors see
 * the decoded request; the answer's message is decoded only if one of them
 * reads it (then re-encoded).
 *
 * Returns undefined for a call it cannot forward exactly — a method
 * answered here, not a POST, JSON or streaming, a compressed body, a
 * malformed deadline, no authority — which the caller then hands to
 * connect-es.
 */
export function createPassThrough({limits, acceptCompression, run}: FastPathOptions): FastPath {
  return (req, res, contextValues, target) => {
    const type = parseContentType(header(req, 'content-type') ?? null);
    const encoding = header(req, 'content-encoding');
    const timeout = parseTimeout(header(req, 'connect-timeout-ms') ?? null, Number.MAX_SAFE_INTEGER);
    const authority = 'authority' in req ? req.authority : req.headers.host;
    if (
      target.backend.kind !== 'bytes' ||
      req.method !== 'POST' ||
      !type?.binary ||
      type.stream ||
      (encoding !== undefined && encoding !== 'identity') ||
      timeout.error ||
      !authority
    ) {
      return undefined;
    }
    const responseHeader = new Headers({'content-type': contentTypeUnaryProto});
    const responseTrailer = new Headers();

    const answer = async (): Promise<RpcOutcome> => {
      const result = await run(res, {
        target,
        protocolName: 'connect',
        url: `http://${authority}${req.url}`,
        requestHeader: webHeaders(req.headers),
        contextValues,
        timeoutMs: timeout.timeoutMs,
        read: () => readAllBytes(req, limits.readMaxBytes, header(req, 'content-length') ?? null),
        responseHeader,
        responseTrailer,
      });
      let status = 200;
      let body: Uint8Array;
      if (result.error) {
        status = codeToHttpStatus(result.error.code);
        responseHeader.set('content-type', contentTypeUnaryJson);
        result.error.metadata.forEach((value, name) => responseHeader.set(name, value));
        body = errorToJsonBytes(result.error, undefined);
      } else {
        body = result.body;
      }
      const compression = compressionNegotiate(
        acceptCompression,
        null,
        header(req, 'accept-encoding') ?? null,
        'accept-encoding',
      ).response;
      if (compression && body.byteLength >= limits.compressMinBytes) {
        body = await compression.compress(body);
        responseHeader.set('content-encoding', compression.name);
      }
      if (callerLeft(res)) {
        // The caller hung up: nobody saw a status.
        return {code: Code.Canceled, httpStatus: status};
      }
      const sent = trailerMux(responseHeader, responseTrailer);
      sent.set('content-length', String(body.byteLength));
      res.writeHead(status, nodeHeaders(sent));
      res.end(body);
      return {code: result.error?.code, httpStatus: status};
    };
    return answer();
  };
}
