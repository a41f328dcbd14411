import {type DescMessage, type DescMethodUnary, fromBinary, type MessageShape, toBinary} from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  type ContextValues,
  type Interceptor,
  type UnaryRequest,
  type UnaryResponse,
} from '@connectrpc/connect';
import {
  type Compression,
  compressionNegotiate,
  createMethodSerializationLookup,
  readAllBytes,
  validateReadWriteMaxBytes,
} from '@connectrpc/connect/protocol';
import {
  codeToHttpStatus,
  contentTypeUnaryJson,
  contentTypeUnaryProto,
  errorToJsonBytes,
  parseContentType,
  parseTimeout,
  trailerMux,
} from '@connectrpc/connect/protocol-connect';
import {type NodeRequest, type NodeResponse, webHeaders} from '../http-types.js';
import type {RpcOutcome} from './outcome.js';

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

export interface PassThroughOptions extends PassThrough {
  /** The adapter's interceptors, outermost first: the same as connect-es runs. */
  readonly interceptors: readonly Interceptor[];
  readonly readMaxBytes: number;
  readonly shutdownSignal: AbortSignal;
  /** What the adapter's router accepts, so the answer is compressed as it would compress it. */
  readonly acceptCompression: Compression[];
  /** Asked when a call fails whether to answer another code (the adapter's fix for undecodable bodies). */
  readonly remap: (code: Code, contextValues: ContextValues) => Code | undefined;
}

/**
 * Answers a Connect unary call with a binary body by forwarding its bytes
 * to the upstream Router and the Router's bytes back, without connect-es's
 * per-call machinery (a universal request and response, async iterables
 * around one chunk, a handler context of three Headers and two linked
 * abort controllers aborted at every call's end, re-encoding each message):
 * in the proxy that machinery cost more CPU than the Router's own work.
 *
 * Everything else happens as connect-es's Connect handler does it, with
 * its own helpers: the body read within readMaxBytes, the request parsed by
 * the same parser (so a bad body gets the same INVALID_ARGUMENT and never
 * reaches the Router), the same interceptors in the same order (limits,
 * rooms, faults, error log), the deadline from connect-timeout-ms, the
 * shutdown and the caller's hang-up as cancellation, errors as the same
 * JSON and HTTP status, trailers as `trailer-` headers, the same response
 * compression. The interceptors see the decoded request; the answer's
 * message is decoded only if one of them reads it (then re-encoded).
 *
 * Returns undefined for a call it cannot forward exactly — not a POST, JSON
 * or streaming, a compressed body, a malformed deadline, no authority —
 * which the caller then hands to connect-es.
 */
export function createPassThrough(
  options: PassThroughOptions,
): (req: NodeRequest, res: NodeResponse, contextValues: ContextValues) => Promise<RpcOutcome> | undefined {
  const limits = validateReadWriteMaxBytes(options.readMaxBytes, undefined, undefined);
  const methods = new Map(
    options.methods.map((method) => [
      `/${method.parent.typeName}/${method.name}`,
      {method, parse: createMethodSerializationLookup(method, undefined, undefined, limits).getI(true)},
    ]),
  );
  const interceptors = [...options.interceptors].reverse();

  return (req, res, contextValues) => {
    const target = methods.get((req.url ?? '').split('?', 1)[0]!);
    const type = parseContentType(header(req, 'content-type') ?? null);
    const encoding = header(req, 'content-encoding');
    const timeout = parseTimeout(header(req, 'connect-timeout-ms') ?? null, Number.MAX_SAFE_INTEGER);
    const authority = 'authority' in req ? req.authority : req.headers.host;
    if (
      !target ||
      req.method !== 'POST' ||
      !type?.binary ||
      type.stream ||
      (encoding !== undefined && encoding !== 'identity') ||
      timeout.error ||
      !authority
    ) {
      return undefined;
    }
    const {method, parse} = target;
    const call = callSignal(res, timeout.timeoutMs, options.shutdownSignal);
    const responseHeader = new Headers({'content-type': contentTypeUnaryProto});
    const responseTrailer = new Headers();
    /** The answer as the Router sent it, kept beside the response object the interceptors get. */
    let passed: {response: UnaryResponse; bytes: Uint8Array; decoded?: MessageShape<DescMessage>} | undefined;

    /** The innermost step, where connect-es would call the handler: the request's bytes go upstream. */
    const forward = async (request: UnaryRequest, bytes: Uint8Array, received: unknown): Promise<UnaryResponse> => {
      const answer = await options.forward(
        method,
        // An interceptor that put another message in sends that one.
        request.message === received ? bytes : toBinary(method.input, request.message),
        {requestHeader: request.header, timeoutMs: call.timeLeft(), signal: request.signal},
      );
      answer.header.forEach((value, name) => responseHeader.set(name, value));
      answer.trailer.forEach((value, name) => responseTrailer.set(name, value));
      const kept: NonNullable<typeof passed> = {
        bytes: answer.message,
        response: {
          stream: false,
          service: method.parent,
          method,
          header: responseHeader,
          trailer: responseTrailer,
          // Decoded only for an interceptor that reads it (it may change it in place).
          get message() {
            kept.decoded ??= fromBinary(method.output, kept.bytes);
            return kept.decoded;
          },
        },
      };
      passed = kept;
      return kept.response;
    };

    const answer = async (): Promise<RpcOutcome> => {
      let status = 200;
      let failed: Code | undefined;
      let body: Uint8Array;
      try {
        const bytes = await readAllBytes(req, limits.readMaxBytes, header(req, 'content-length') ?? null);
        const received = parse.parse(bytes);
        const next = interceptors.reduce<UnaryNext>(
          (inner, interceptor) => interceptor(inner as AnyNext) as UnaryNext,
          (request) => forward(request, bytes, received),
        );
        const response = await next({
          stream: false,
          service: method.parent,
          method,
          requestMethod: 'POST',
          url: `http://${authority}${req.url}`,
          signal: call.signal,
          header: webHeaders(req.headers),
          contextValues,
          message: received,
        });
        copyHeaders(response.header, responseHeader);
        copyHeaders(response.trailer, responseTrailer);
        // The Router's bytes, untouched unless an interceptor read, changed or replaced the message.
        body =
          response === passed?.response && passed.decoded === undefined
            ? passed.bytes
            : toBinary(method.output, response.message);
      } catch (reason) {
        let error =
          reason instanceof ConnectError
            ? reason
            : new ConnectError('internal error', Code.Internal, undefined, undefined, reason);
        const replacement = options.remap(error.code, contextValues);
        if (replacement !== undefined) {
          const remapped = new ConnectError(error.rawMessage, replacement, error.metadata, undefined, error.cause);
          remapped.details.push(...error.details);
          error = remapped;
        }
        failed = error.code;
        status = codeToHttpStatus(error.code);
        responseHeader.set('content-type', contentTypeUnaryJson);
        error.metadata.forEach((value, name) => responseHeader.set(name, value));
        body = errorToJsonBytes(error, undefined);
      } finally {
        call.done();
      }
      const compression = compressionNegotiate(
        options.acceptCompression,
        null,
        header(req, 'accept-encoding') ?? null,
        'accept-encoding',
      ).response;
      if (compression && body.byteLength >= limits.compressMinBytes) {
        body = await compression.compress(body);
        responseHeader.set('content-encoding', compression.name);
      }
      if (res.destroyed) {
        // The caller hung up: nobody saw a status.
        return {code: Code.Canceled, httpStatus: status};
      }
      const sent = trailerMux(responseHeader, responseTrailer);
      sent.set('content-length', String(body.byteLength));
      res.writeHead(status, nodeHeaders(sent));
      res.end(body);
      return {code: failed, httpStatus: status};
    };
    return answer();
  };
}

type UnaryNext = (request: UnaryRequest) => Promise<UnaryResponse>;
type AnyNext = Parameters<Interceptor>[0];

/** As connect-es copies the response's metadata onto the handler context's: replaced, unless it is the same object. */
function copyHeaders(from: Headers, to: Headers): void {
  if (from === to) return;
  for (const name of [...to.keys()]) to.delete(name);
  from.forEach((value, name) => to.set(name, value));
}

/**
 * The call's signal: aborted at its deadline (DEADLINE_EXCEEDED, as
 * connect-es says it), at the server's shutdown, or when the caller hangs
 * up. Unlike connect-es, it is not aborted when the call ends: nobody is
 * left listening, and aborting builds a DOMException per call.
 */
function callSignal(res: NodeResponse, timeoutMs: number | undefined, shutdown: AbortSignal) {
  const controller = new AbortController();
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  const onDeadline = () => controller.abort(new ConnectError('the operation timed out', Code.DeadlineExceeded));
  const timer = timeoutMs === undefined || timeoutMs <= 0 ? undefined : setTimeout(onDeadline, timeoutMs);
  if (timeoutMs !== undefined && timeoutMs <= 0) onDeadline();
  const onShutdown = () => controller.abort(shutdown.reason);
  const onHangUp = () => controller.abort();
  if (shutdown.aborted) onShutdown();
  shutdown.addEventListener('abort', onShutdown);
  res.once('close', onHangUp);
  return {
    signal: controller.signal,
    timeLeft: () => (deadline === undefined ? undefined : deadline - Date.now()),
    done: () => {
      clearTimeout(timer);
      shutdown.removeEventListener('abort', onShutdown);
      res.off('close', onHangUp);
    },
  };
}

function header(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function nodeHeaders(headers: Headers): Record<string, string | string[]> {
  const node: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    const existing = node[name];
    node[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  });
  return node;
}
