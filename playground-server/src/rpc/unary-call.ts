import {
  create,
  type DescMessage,
  type DescMethodUnary,
  fromBinary,
  isMessage,
  type MessageShape,
  toBinary,
} from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  type ContextValues,
  type HandlerContext,
  type Interceptor,
  type MethodImplSpec,
  type UnaryRequest,
  type UnaryResponse,
} from '@connectrpc/connect';
import {
  type Compression,
  createMethodSerializationLookup,
  validateReadWriteMaxBytes,
} from '@connectrpc/connect/protocol';
import type {NodeRequest, NodeResponse} from '../http-types.js';
import type {RpcOutcome} from './outcome.js';
import type {ForwardBytes} from './pass-through.js';

/**
 * Who answers a unary call at the innermost step, where connect-es would
 * call the handler: the upstream Router, given the request's bytes as they
 * came, or the method's implementation in this process.
 */
export type UnaryBackend =
  | {readonly kind: 'bytes'; readonly forward: ForwardBytes}
  | {readonly kind: 'local'; readonly spec: Extract<MethodImplSpec, {kind: 'unary'}>};

/** A unary method this process answers through createUnaryCalls, and connect-es's parser of its input. */
export interface UnaryTarget {
  readonly method: DescMethodUnary;
  readonly backend: UnaryBackend;
  /** connect-es's parser of the method's input (readMaxBytes applied). */
  readonly parse: (bytes: Uint8Array) => MessageShape<DescMessage>;
}

/** The path connect-es routes a method's calls by (its handler's requestPath). */
export function requestPathOf(method: DescMethodUnary): string {
  return `/${method.parent.typeName}/${method.name}`;
}

/**
 * Every unary method with its backend and its input's parser, by request
 * path, and the size limits they were made with: what each protocol's fast
 * path (pass-through.ts, grpc-handler.ts) answers a call with.
 */
export function createUnaryTargets(methods: Iterable<Omit<UnaryTarget, 'parse'>>, readMaxBytes: number) {
  const limits = validateReadWriteMaxBytes(readMaxBytes, undefined, undefined);
  const targets = new Map<string, UnaryTarget>();
  for (const {method, backend} of methods) {
    const input = createMethodSerializationLookup(method, undefined, undefined, limits).getI(true);
    targets.set(requestPathOf(method), {method, backend, parse: (bytes) => input.parse(bytes)});
  }
  return {limits, targets};
}

/** What each protocol's fast path (pass-through.ts for Connect, grpc-handler.ts for gRPC) is made with. */
export interface FastPathOptions {
  /** The limits the adapter's unary targets were made with (createUnaryTargets). */
  readonly limits: ReturnType<typeof createUnaryTargets>['limits'];
  /** What the adapter's router accepts, so the answer is compressed as it would compress it. */
  readonly acceptCompression: Compression[];
  /** Runs the call: the adapter's interceptors, deadline and cancellation. */
  readonly run: UnaryCalls;
}

/**
 * A protocol's fast path: answers the call to `target`, or returns undefined
 * for a call it cannot answer exactly, which the adapter then hands to connect-es.
 */
export type FastPath = (
  req: NodeRequest,
  res: NodeResponse,
  contextValues: ContextValues,
  target: UnaryTarget,
) => Promise<RpcOutcome> | undefined;

/** One unary call as the wire protocol read it. */
export interface UnaryCallInit {
  readonly target: UnaryTarget;
  /** The protocol's name for handlers ('connect', 'grpc'). */
  readonly protocolName: string;
  readonly url: string;
  readonly requestHeader: Headers;
  readonly contextValues: ContextValues;
  /** The caller's deadline in milliseconds; undefined: none. */
  readonly timeoutMs: number | undefined;
  /** Reads the request message's bytes; rejects with the ConnectError the caller is to get. */
  readonly read: () => Promise<Uint8Array>;
  /** The answer's metadata; the backend's and the interceptors' join it. */
  readonly responseHeader: Headers;
  readonly responseTrailer: Headers;
}

/** How the call ended: the answer's bytes, or the error to send (already remapped). */
export type UnaryResult = {readonly body: Uint8Array; readonly error?: undefined} | {readonly error: ConnectError};

export interface UnaryCallsOptions {
  /** The adapter's interceptors, outermost first: the same as connect-es runs. */
  readonly interceptors: readonly Interceptor[];
  readonly shutdownSignal: AbortSignal;
  /** Asked when a call fails whether to answer another code (the adapter's fix for undecodable bodies). */
  readonly remap: (code: Code, contextValues: ContextValues) => Code | undefined;
}

/**
 * Runs one unary call as connect-es's handlers run it — body read and
 * parsed, the same interceptors in the same order, the deadline, the
 * server's shutdown and the caller's hang-up as cancellation, the answer
 * encoded, a failure as one ConnectError — without their per-call
 * machinery (a universal request and response, async iterables around one
 * message, a handler context of linked abort controllers aborted at every
 * call's end, a DOMException each): for the Router answering gRPC that
 * machinery cost more CPU than the rest of the call. Each protocol frames
 * the request and the result in its own file (pass-through.ts for Connect,
 * grpc-handler.ts for gRPC).
 */
export function createUnaryCalls(options: UnaryCallsOptions) {
  const interceptors = [...options.interceptors].reverse();

  return async (res: NodeResponse, init: UnaryCallInit): Promise<UnaryResult> => {
    const {method, backend} = init.target;
    const call = callSignal(res, init.timeoutMs, options.shutdownSignal);
    /** The answer as the upstream sent it, kept beside the response object the interceptors get. */
    let passed: {response: UnaryResponse; bytes: Uint8Array; decoded?: MessageShape<DescMessage>} | undefined;

    /** The innermost step, with the request's bytes for an upstream that takes them as they came. */
    const innermost = async (request: UnaryRequest, bytes: Uint8Array, received: unknown): Promise<UnaryResponse> => {
      if (backend.kind === 'local') {
        const output = await backend.spec.impl(request.message, handlerContext(init, request, call.timeLeft));
        return {
          stream: false,
          service: method.parent,
          method,
          header: init.responseHeader,
          trailer: init.responseTrailer,
          message: isMessage(output, method.output) ? output : create(method.output, output),
        };
      }
      const answer = await backend.forward(
        method,
        // An interceptor that put another message in sends that one.
        request.message === received ? bytes : toBinary(method.input, request.message),
        {requestHeader: request.header, timeoutMs: call.timeLeft(), signal: request.signal},
      );
      answer.header.forEach((value, name) => init.responseHeader.set(name, value));
      answer.trailer.forEach((value, name) => init.responseTrailer.set(name, value));
      const kept: NonNullable<typeof passed> = {
        bytes: answer.message,
        response: {
          stream: false,
          service: method.parent,
          method,
          header: init.responseHeader,
          trailer: init.responseTrailer,
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

    try {
      const bytes = await init.read();
      const received = init.target.parse(bytes);
      const next = interceptors.reduce<UnaryNext>(
        (inner, interceptor) => interceptor(inner as AnyNext) as UnaryNext,
        (request) => innermost(request, bytes, received),
      );
      const response = await next({
        stream: false,
        service: method.parent,
        method,
        requestMethod: 'POST',
        url: init.url,
        signal: call.signal,
        header: init.requestHeader,
        contextValues: init.contextValues,
        message: received,
      });
      copyHeaders(response.header, init.responseHeader);
      copyHeaders(response.trailer, init.responseTrailer);
      // The upstream's bytes, untouched unless an interceptor read, changed or replaced the message.
      const body =
        response === passed?.response && passed.decoded === undefined
          ? passed.bytes
          : toBinary(method.output, response.message);
      return {body};
    } catch (reason) {
      const error =
        reason instanceof ConnectError
          ? reason
          : new ConnectError('internal error', Code.Internal, undefined, undefined, reason);
      const replacement = options.remap(error.code, init.contextValues);
      if (replacement === undefined) {
        return {error};
      }
      const remapped = new ConnectError(error.rawMessage, replacement, error.metadata, undefined, error.cause);
      remapped.details.push(...error.details);
      return {error: remapped};
    } finally {
      call.done();
    }
  };
}

type UnaryNext = (request: UnaryRequest) => Promise<UnaryResponse>;
type AnyNext = Parameters<Interceptor>[0];

/** What connect-es hands an implementation: the context as the interceptors last shaped the request. */
function handlerContext(
  init: UnaryCallInit,
  request: UnaryRequest,
  timeLeft: () => number | undefined,
): HandlerContext {
  return {
    method: init.target.method,
    service: request.service,
    signal: request.signal,
    timeoutMs: timeLeft,
    requestMethod: 'POST',
    requestHeader: request.header,
    responseHeader: init.responseHeader,
    responseTrailer: init.responseTrailer,
    protocolName: init.protocolName,
    values: request.contextValues,
    url: init.url,
  };
}

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

export type UnaryCalls = ReturnType<typeof createUnaryCalls>;
