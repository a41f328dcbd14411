import {fromBinary, toBinary, type DescMessage, type DescMethodUnary, type MessageShape} from '@bufbuild/protobuf';
import {Code, ConnectError, type HandlerContext, type Transport} from '@connectrpc/connect';
import {createGrpcTransport} from '@connectrpc/connect-node';
import {Router, RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';
import type {Logger} from '../logger.js';
import type {RouterBackend} from '../router/service.js';
import type {ForwardBytes, PassThrough} from '../rpc/pass-through.js';
import {upstreamError} from './errors.js';
import {callUnary} from './grpc-unary.js';
import {GuardedSessionManager} from './guarded-session-manager.js';
import {copyNodeCallMetadata, forwardedRequestHeaders} from './metadata.js';

/** Codes that say the upstream is in trouble (logged), unlike a caller's bad request (not logged). */
const UPSTREAM_TROUBLE = new Set([Code.Unavailable, Code.DeadlineExceeded, Code.Internal, Code.Unknown, Code.DataLoss]);

/** Every method the upstream answers: all of them unary. */
const UNARY_METHODS = [...Router.methods, ...RouterAdmin.methods].filter(
  (method): method is DescMethodUnary => method.methodKind === 'unary',
);

export interface UpstreamOptions {
  /** The Router, e.g. http://router:9000 (gRPC over cleartext HTTP/2). Fixed for the server's life. */
  readonly url: string;
  /** Deadline of a call whose caller set none or a longer one. */
  readonly timeoutMs: number;
  /** HTTP/2 PING interval: finds a frozen upstream or a dead connection between calls. */
  readonly pingIntervalMs: number;
  readonly logger: Logger;
  /** For metrics: every failed upstream call, by method and the code the caller got. */
  readonly onError?: (method: string, code: Code) => void;
}

export interface UpstreamRouter extends RouterBackend {
  /** The transport to the upstream, for the readiness probe. */
  readonly transport: Transport;
  /** Forwards Connect binary calls as they came (see rpc/pass-through.ts): every method here is unary. */
  readonly passThrough: PassThrough;
  /** Closes the connection to the upstream; for after the last call. */
  close(): void;
}

/**
 * A RouterBackend that forwards every Router and RouterAdmin call to a real
 * Router over gRPC, so the playground's faults, limits and metrics sit in
 * front of the production Router. What passes: the request message, the
 * deadline (the caller's, capped at `timeoutMs`), cancellation,
 * x-correlation-id and the admin credentials; back: the response, its
 * application headers and trailers, and errors unchanged (see upstreamError).
 */
export function createUpstreamRouter(options: UpstreamOptions): UpstreamRouter {
  const session = new GuardedSessionManager(options.url, {
    pingIntervalMs: options.pingIntervalMs,
    // An idle connection is checked before a call is put on it, so a call
    // never waits on a connection that died while nobody was calling.
    pingIdleConnection: true,
    pingTimeoutMs: Math.min(options.pingIntervalMs, 5_000),
  });
  // For the readiness probe; calls go through callUnary on the same connection.
  const transport = createGrpcTransport({baseUrl: options.url, sessionManager: session});

  /** Forwards one call's bytes with the caller's deadline (capped), cancellation and headers, and reports failures. */
  const forwardBytes: ForwardBytes = async (method, message, call) => {
    const capped = call.timeoutMs === undefined || call.timeoutMs > options.timeoutMs;
    try {
      const response = await callUnary(session, {
        path: `/${method.parent.typeName}/${method.name}`,
        message,
        headers: forwardedRequestHeaders(call.requestHeader),
        timeoutMs: capped ? options.timeoutMs : call.timeoutMs!,
        signal: call.signal,
      });
      return {
        message: response.message,
        header: copyNodeCallMetadata(response.header, new Headers()),
        trailer: copyNodeCallMetadata(response.trailer, new Headers()),
      };
    } catch (reason) {
      const error = upstreamError(reason, {
        callerSignal: call.signal,
        ...(capped ? {cappedAtMs: options.timeoutMs} : {}),
      });
      options.onError?.(method.name, error.code);
      if (UPSTREAM_TROUBLE.has(error.code)) {
        options.logger.warn('upstream call failed', {
          method: method.name,
          code: Code[error.code],
          // The caller's message leaves out what the log may say: the upstream's address.
          message: ConnectError.from(reason).rawMessage,
          correlation_id: call.requestHeader.get('x-correlation-id') ?? undefined,
        });
      }
      throw error;
    }
  };

  /** The decoding path (gRPC, gRPC-Web, Connect JSON…): the message re-encoded, forwarded, the answer decoded. */
  async function forward<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    request: MessageShape<I>,
    context: HandlerContext,
  ): Promise<MessageShape<O>> {
    const answer = await forwardBytes(method, toBinary(method.input, request), {
      requestHeader: context.requestHeader,
      timeoutMs: context.timeoutMs(),
      signal: context.signal,
    });
    answer.header.forEach((value, name) => context.responseHeader.set(name, value));
    answer.trailer.forEach((value, name) => context.responseTrailer.set(name, value));
    return fromBinary(method.output, answer.message);
  }

  return {
    transport,
    close: () => session.abort(),
    passThrough: {methods: UNARY_METHODS, forward: forwardBytes},
    router: {
      decide: (request, context) => forward(Router.method.decide, request, context),
    },
    admin: {
      upsertPolicy: (request, context) => forward(RouterAdmin.method.upsertPolicy, request, context),
      deletePolicy: (request, context) => forward(RouterAdmin.method.deletePolicy, request, context),
      getPolicy: (request, context) => forward(RouterAdmin.method.getPolicy, request, context),
      listPolicies: (request, context) => forward(RouterAdmin.method.listPolicies, request, context),
    },
  };
}
