import {useCallback, useRef, useState} from 'react';
import {fromJson, toJson, type DescMethod, type Message} from '@bufbuild/protobuf';
import {Code, ConnectError, createClient, type CallOptions, type Transport} from '@connectrpc/connect';
import {createConnectTransport, createGrpcWebTransport} from '@connectrpc/connect-web';
import {unreachableServerHint} from '@site/src/components/unreachable-server';
import type {JsonObject, JsonValue} from './schema';

export type Protocol = 'connect' | 'grpc-web';

export interface RpcSpec {
  method: DescMethod;
  request: JsonObject;
  protocol: Protocol;
  binary: boolean;
  headers: Array<[string, string]>;
  timeoutMs: number;
}

export interface RpcOutcome {
  ok: boolean;
  /** The response message as proto3 JSON. */
  response?: JsonValue;
  /** `invalid_argument`, … when the call failed. */
  code?: string;
  codeNumber?: number;
  message?: string;
  headers: Array<[string, string]>;
  trailers: Array<[string, string]>;
  ms: number;
  protocol: Protocol;
  binary: boolean;
}

/** Connect's code names the way the wire spells them: `InvalidArgument` → `invalid_argument`. */
export function codeName(code: Code): string {
  return (Code[code] ?? 'unknown').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

function transportFor(protocol: Protocol, binary: boolean): Transport {
  const baseUrl = window.location.origin;
  return protocol === 'connect'
    ? createConnectTransport({baseUrl, useBinaryFormat: binary})
    : createGrpcWebTransport({baseUrl, useBinaryFormat: binary});
}

type UnaryCall = (request: Message, options: CallOptions) => Promise<Message>;

/** The request as the method's input message, or a reader-facing reason it is not one. */
export function toRequestMessage(method: DescMethod, request: JsonObject): {message?: Message; problem?: string} {
  try {
    return {message: fromJson(method.input, request)};
  } catch (error) {
    return {problem: `The request is not a valid ${method.input.name}: ${(error as Error).message}`};
  }
}

/** One unary call through connect-web, with its headers, trailers and timing. */
export function useRpcCall() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RpcOutcome>();
  const controller = useRef<AbortController>(null);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const call = useCallback(async (spec: RpcSpec) => {
    const {message, problem} = toRequestMessage(spec.method, spec.request);
    if (!message) {
      setOutcome({
        ok: false,
        code: 'invalid_argument (client side)',
        message: problem,
        headers: [],
        trailers: [],
        ms: 0,
        protocol: spec.protocol,
        binary: spec.binary,
      });
      return;
    }
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setBusy(true);
    let headers: Array<[string, string]> = [];
    let trailers: Array<[string, string]> = [];
    const client = createClient(spec.method.parent, transportFor(spec.protocol, spec.binary)) as unknown as Record<
      string,
      UnaryCall
    >;
    const started = performance.now();
    try {
      const response = await client[spec.method.localName](message, {
        headers: spec.headers,
        timeoutMs: spec.timeoutMs > 0 ? spec.timeoutMs : undefined,
        signal: abort.signal,
        onHeader: (received) => (headers = [...received.entries()]),
        onTrailer: (received) => (trailers = [...received.entries()]),
      });
      setOutcome({
        ok: true,
        response: toJson(spec.method.output, response, {alwaysEmitImplicit: true}) as JsonValue,
        headers,
        trailers,
        ms: performance.now() - started,
        protocol: spec.protocol,
        binary: spec.binary,
      });
    } catch (caught) {
      const error = ConnectError.from(caught);
      const aborted = abort.signal.aborted && error.code === Code.Canceled;
      setOutcome({
        ok: false,
        code: codeName(error.code),
        codeNumber: error.code,
        message: aborted
          ? 'You cancelled the call.'
          : error.code === Code.Unavailable && /fetch/i.test(error.rawMessage)
            ? `${error.rawMessage}: the playground-server did not answer. ${unreachableServerHint(window.location.hostname)}`
            : error.rawMessage,
        // On an error Connect merges the response's headers and trailers into error.metadata.
        headers: headers.length ? headers : [...error.metadata.entries()],
        trailers,
        ms: performance.now() - started,
        protocol: spec.protocol,
        binary: spec.binary,
      });
    } finally {
      setBusy(false);
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  return {busy, outcome, call, cancel};
}
