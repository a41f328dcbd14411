import {Code} from '@connectrpc/connect';
import type {UniversalServerResponse} from '@connectrpc/connect/protocol';
import {codeFromString, codeToHttpStatus, codeToString} from '@connectrpc/connect/protocol-connect';
import {trailerFlag, trailerParse, trailerSerialize} from '@connectrpc/connect/protocol-grpc-web';
import type {RpcProtocol} from './protocol.js';

/** How one RPC ended, as the client sees it. */
export interface RpcOutcome {
  /** undefined: OK. */
  readonly code: Code | undefined;
  /** The HTTP status (200 for every gRPC and gRPC-Web answer that has a grpc-status). */
  readonly httpStatus: number;
}

export interface WatchOptions {
  readonly protocol: RpcProtocol;
  /**
   * Asked once the call has failed: a code to answer with instead, or
   * undefined to leave the error alone. The message stays as it is.
   */
  readonly remap: (code: Code) => Code | undefined;
  /** Called once, when the response has been sent or abandoned. */
  readonly onEnd: (outcome: RpcOutcome) => void;
}

/**
 * Wraps a connect-es response so that its final status code can be read
 * (metrics, access log) and, for failures, replaced (see `remap`), in each
 * protocol's own place: the HTTP status and JSON body for Connect, the
 * grpc-status trailer for gRPC, the trailer frame at the end of the body for
 * gRPC-Web. Successful bodies stream through untouched.
 */
export function watchOutcome(res: UniversalServerResponse, options: WatchOptions): UniversalServerResponse {
  const watched: UniversalServerResponse = {...res};
  const body = res.body ?? emptyBody();
  let reported = false;
  const report = (outcome: RpcOutcome) => {
    if (!reported) {
      reported = true;
      options.onEnd(outcome);
    }
  };
  const read = {connect: connectBody, grpc: grpcBody, grpc_web: grpcWebBody}[options.protocol];
  watched.body = (async function* () {
    try {
      report(yield* read(watched, body, options.remap));
    } finally {
      // The client went away before the end: nobody saw a status.
      report({code: Code.Canceled, httpStatus: watched.status});
    }
  })();
  return watched;
}

type BodyReader = (
  res: UniversalServerResponse,
  body: AsyncIterable<Uint8Array>,
  remap: WatchOptions['remap'],
) => AsyncGenerator<Uint8Array, RpcOutcome>;

/** Connect unary: errors are a small JSON body with a matching HTTP status. */
const connectBody: BodyReader = async function* (res, body, remap) {
  if (res.status === 200) {
    yield* body;
    return {code: undefined, httpStatus: 200};
  }
  const bytes = await readAll(body);
  const error = res.header?.has('content-encoding') ? undefined : parseJsonError(bytes);
  const replacement = error && remap(error.code);
  if (!error || replacement === undefined) {
    yield bytes;
    return {code: error?.code ?? codeForHttpStatus(res.status), httpStatus: res.status};
  }
  const rewritten = new TextEncoder().encode(JSON.stringify({...error.json, code: codeToString(replacement)}));
  res.status = codeToHttpStatus(replacement);
  res.header?.set('content-length', String(rewritten.byteLength));
  yield rewritten;
  return {code: replacement, httpStatus: res.status};
};

/** gRPC: the status is in the trailers, or in the headers of a trailers-only answer. */
const grpcBody: BodyReader = async function* (res, body, remap) {
  yield* body;
  for (const fields of [res.trailer, res.header]) {
    const status = fields?.get('grpc-status');
    if (fields && status != null) {
      const code = codeFromGrpcStatus(status);
      const replacement = code && remap(code);
      if (replacement !== undefined) {
        // Neither block has been written yet: trailers go out after the
        // body, and headers of a trailers-only answer go out after it too.
        fields.set('grpc-status', String(replacement));
      }
      return {code: replacement ?? code, httpStatus: res.status};
    }
  }
  return {code: codeForHttpStatus(res.status), httpStatus: res.status};
};

/** gRPC-Web: the status is in a trailer frame (flag 0x80), one chunk of the body. */
const grpcWebBody: BodyReader = async function* (res, body, remap) {
  const headerStatus = res.header?.get('grpc-status');
  for await (const chunk of body) {
    const trailer = trailerFrame(chunk);
    const status = trailer?.get('grpc-status');
    if (!trailer || status == null) {
      yield chunk;
      continue;
    }
    const code = codeFromGrpcStatus(status);
    const replacement = code && remap(code);
    if (replacement === undefined) {
      yield chunk;
      return {code, httpStatus: res.status};
    }
    trailer.set('grpc-status', String(replacement));
    yield frame(trailerFlag, trailerSerialize(trailer));
    return {code: replacement, httpStatus: res.status};
  }
  const code = headerStatus == null ? codeForHttpStatus(res.status) : codeFromGrpcStatus(headerStatus);
  return {code, httpStatus: res.status};
};

function parseJsonError(bytes: Uint8Array): {code: Code; json: Record<string, unknown>} | undefined {
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof json === 'object' && json !== null && typeof (json as {code?: unknown}).code === 'string') {
      const code = codeFromString((json as {code: string}).code);
      return code === undefined ? undefined : {code, json: json as Record<string, unknown>};
    }
  } catch {
    // not a Connect error body
  }
  return undefined;
}

function codeFromGrpcStatus(value: string): Code | undefined {
  const status = Number(value);
  return status === 0 || !Number.isInteger(status) ? undefined : (status as Code);
}

/**
 * Answers without a status of their own (415, 404, 405 from connect-es
 * before it knows the protocol) count as the failure nearest to them.
 */
function codeForHttpStatus(status: number): Code | undefined {
  if (status === 200) {
    return undefined;
  }
  return status >= 500 ? Code.Internal : Code.InvalidArgument;
}

function trailerFrame(chunk: Uint8Array): Headers | undefined {
  if (chunk.byteLength < 5 || (chunk[0]! & trailerFlag) !== trailerFlag) {
    return undefined;
  }
  const length = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength).getUint32(1);
  return length === chunk.byteLength - 5 ? trailerParse(chunk.subarray(5)) : undefined;
}

function frame(flags: number, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(5 + data.byteLength);
  bytes[0] = flags;
  new DataView(bytes.buffer).setUint32(1, data.byteLength);
  bytes.set(data, 5);
  return bytes;
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
