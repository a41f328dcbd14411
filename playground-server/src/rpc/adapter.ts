import type {DescMethodUnary} from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  createConnectRouter,
  createContextKey,
  createContextValues,
  createServiceImplSpec,
  type ConnectRouter,
  type ContextValues,
  type Interceptor,
  type MethodImplSpec,
} from '@connectrpc/connect';
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from '@connectrpc/connect-node';
import type {UniversalHandler} from '@connectrpc/connect/protocol';
import type {NodeRequest, NodeResponse} from '../http-types.js';
import type {Logger} from '../logger.js';
import {watchOutcome, type RpcOutcome} from './outcome.js';
import {createGrpcHandler} from './grpc-handler.js';
import {createPassThrough, type PassThrough} from './pass-through.js';
import {protocolOf, type RpcProtocol} from './protocol.js';
import {createUnaryCalls, createUnaryTargets, requestPathOf, type UnaryBackend} from './unary-call.js';

/** Set by the outermost interceptor: the request was decoded and reached the handlers. */
const reachedHandlers = createContextKey(false, {description: 'reached handlers'});

/** One RPC as it arrives. */
export interface RpcCall {
  readonly service: string;
  readonly method: string;
  readonly protocol: RpcProtocol;
  /** The caller set a deadline (`connect-timeout-ms`, `grpc-timeout`). */
  readonly deadline: boolean;
}

/** One finished RPC, for metrics and the access log. */
export interface RpcCompletion extends RpcOutcome, RpcCall {
  readonly durationMs: number;
  readonly correlationId: string | undefined;
  readonly clientAddress: string | undefined;
  /** Forwarded as received, without connect-es decoding it (pass-through.ts). */
  readonly passedThrough: boolean;
}

export interface RpcAdapterOptions {
  readonly routes: (router: ConnectRouter) => void;
  readonly interceptors: readonly Interceptor[];
  readonly readMaxBytes: number;
  readonly shutdownSignal: AbortSignal;
  /** Values every handler and interceptor can read, e.g. the client's address. */
  readonly contextValues?: (req: NodeRequest) => ContextValues;
  /** Told when each RPC starts; the function it returns is told when it ends. */
  readonly observe?: (call: RpcCall) => (completion: RpcCompletion) => void;
  readonly logger: Logger;
  /** Upstream mode: Connect and gRPC binary calls of these methods skip connect-es and pass their bytes on (see pass-through.ts). */
  readonly passThrough?: PassThrough;
  /**
   * Binary gRPC unary calls skip connect-es (grpc-handler.ts); on unless
   * false, which tests use to compare the two paths.
   */
  readonly grpcFastPath?: boolean;
}

/**
 * connect-node's `connectNodeAdapter`, plus what it has no hook for:
 *
 * - a request body connect-es cannot decode (bad protobuf, a bad envelope)
 *   fails before any interceptor runs and comes back as INTERNAL, a 5xx that
 *   blames the server for the client's bytes. A failure with INTERNAL or
 *   UNKNOWN from a call that never reached the interceptors is therefore
 *   answered as INVALID_ARGUMENT, message unchanged;
 * - every RPC's final code, protocol and duration go to `onCompleted`,
 *   including those rejected before the interceptors.
 *
 * Binary gRPC unary calls, and in upstream mode binary Connect unary calls,
 * are answered without connect-es's per-call machinery, with the same
 * interceptors (unary-call.ts).
 */
export function createRpcAdapter(options: RpcAdapterOptions): (req: NodeRequest, res: NodeResponse) => void {
  const markReached: Interceptor = (next) => (req) => {
    req.contextValues.set(reachedHandlers, true);
    return next(req);
  };
  const interceptors = [markReached, ...options.interceptors];
  const acceptCompression = [compressionGzip, compressionBrotli];
  const router = createConnectRouter({
    interceptors,
    readMaxBytes: options.readMaxBytes,
    shutdownSignal: options.shutdownSignal,
    acceptCompression,
  });
  /** A failure of a call that never reached the interceptors: its body could not be read or decoded. */
  const remap = (code: Code, contextValues: ContextValues) =>
    !contextValues.get(reachedHandlers) && (code === Code.Internal || code === Code.Unknown)
      ? Code.InvalidArgument
      : undefined;
  const run = createUnaryCalls({interceptors, shutdownSignal: options.shutdownSignal, remap});
  /** Who answers each unary method at the innermost step: the upstream given the bytes, else the implementation. */
  const backends = new Map<string, {method: DescMethodUnary; backend: UnaryBackend}>();
  options.routes({
    handlers: router.handlers,
    service(service, implementation, handlerOptions) {
      for (const spec of Object.values(createServiceImplSpec(service, implementation).methods)) {
        if (isUnary(spec)) {
          backends.set(requestPathOf(spec.method), {method: spec.method, backend: {kind: 'local', spec}});
        }
      }
      router.service(service, implementation, handlerOptions);
      return this;
    },
    rpc(method, impl, handlerOptions) {
      router.rpc(method, impl, handlerOptions);
      return this;
    },
  });
  for (const method of options.passThrough?.methods ?? []) {
    backends.set(requestPathOf(method), {method, backend: {kind: 'bytes', forward: options.passThrough!.forward}});
  }
  const {limits, targets} = createUnaryTargets(backends.values(), options.readMaxBytes);
  const passThrough = options.passThrough && createPassThrough({limits, acceptCompression, run});
  const grpc = options.grpcFastPath === false ? undefined : createGrpcHandler({limits, acceptCompression, run});
  const handlers = new Map<string, UniversalHandler>(router.handlers.map((handler) => [handler.requestPath, handler]));

  return (req, res) => {
    const handler = handlers.get((req.url ?? '').split('?', 1)[0]!);
    const protocol = protocolOf(req.headers['content-type']);
    if (!handler || !protocol) {
      // No such method here, or no protocol connect-es speaks.
      res.writeHead(handler ? 415 : 404);
      res.end();
      return;
    }
    const started = performance.now();
    const contextValues = options.contextValues?.(req) ?? createContextValues();
    const correlationId = headerText(req.headers['x-correlation-id']);
    const call: RpcCall = {
      service: handler.service.typeName,
      method: handler.method.name,
      protocol,
      deadline: req.headers['connect-timeout-ms'] !== undefined || req.headers['grpc-timeout'] !== undefined,
    };
    const ended = options.observe?.(call);
    const onEnd = (passedThrough: boolean) => (outcome: RpcOutcome) =>
      ended?.({
        ...outcome,
        ...call,
        durationMs: performance.now() - started,
        correlationId,
        clientAddress: req.socket?.remoteAddress,
        passedThrough,
      });
    const fast = protocol === 'grpc' ? grpc : protocol === 'connect' ? passThrough : undefined;
    const target = targets.get(handler.requestPath);
    const passed = target && fast?.(req, res, contextValues, target);
    if (passed) {
      const passedThrough = target.backend.kind === 'bytes';
      passed.then(onEnd(passedThrough), (reason: unknown) => {
        options.logger.error(`${handler.service.typeName}/${handler.method.name}: cannot send the answer`, reason);
        onEnd(passedThrough)({code: Code.Internal, httpStatus: 500});
        if (!res.headersSent) {
          res.destroy();
        }
      });
      return;
    }
    handler(universalRequestFromNodeRequest(req, res, undefined, contextValues))
      .then((uRes) =>
        universalResponseToNodeResponse(
          watchOutcome(uRes, {protocol, remap: (code) => remap(code, contextValues), onEnd: onEnd(false)}),
          res,
        ),
      )
      .catch((reason: unknown) => {
        // A client that hangs up mid-answer is routine, not a server fault.
        if (ConnectError.from(reason).code !== Code.Aborted) {
          options.logger.error(`${handler.service.typeName}/${handler.method.name}: cannot send the answer`, reason);
        }
        if (!res.headersSent) {
          res.destroy();
        }
      });
  };
}

function isUnary(spec: MethodImplSpec): spec is Extract<MethodImplSpec, {kind: 'unary'}> {
  return spec.kind === 'unary';
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
