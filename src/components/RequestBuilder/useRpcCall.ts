import {codeToString} from '@connectrpc/connect/protocol-connect';
import {useCallback, useRef, useState} from 'react';
import {toJson, type DescMethod, type Message} from '@bufbuild/protobuf';
import {Code, ConnectError, createClient, type CallOptions, type Transport} from '@connectrpc/connect';
import {createConnectTransport, createGrpcWebTransport} from '@connectrpc/connect-web';
import {failureKind, unreachableMessage} from '../requests/failures';
import type {Protocol} from './builder-state';
import {toRequestMessage, type JsonObject, type JsonValue} from './schema';

export interface RpcSpec {
  method: DescMethod;
  request: JsonObject;
  protocol: Protocol;
  binary: boolean;
  headers: Array<[string, string]>;
  /** Undefined: no deadline. */
  timeoutMs?: number;
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

function transportFor(protocol: Protocol, binary: boolean): Transport {
  const baseUrl = window.location.origin;
  return protocol === 'connect'
    ? createConnectTransport({baseUrl, useBinaryFormat: binary})
    : createGrpcWebTransport({baseUrl, useBinaryFormat: binary});
}

type UnaryCall = (request: Message, options: CallOptions) => Promise<Message>;

/**
 * What the reader reads when a call fails. connect-web reports a server it
 * could not reach as `unknown` with the browser's bare "Failed to fetch";
 * that is said in plain words, with what to do about it.
 */
export function failureMessage(error: ConnectError, cancelled: boolean, origin: string): string {
  if (cancelled) return 'You cancelled the call.';
  const networkFailure =
    (error.code === Code.Unknown || error.code === Code.Unavailable) &&
    failureKind(error.cause ?? error.rawMessage) === 'unreachable';
  if (networkFailure)
    return `${unreachableMessage(origin)} (Connect reports this as ${codeToString(error.code)}: no response came back.)`;
  return error.rawMessage;
}

/** One unary call through connect-web, with its headers, trailers and timing. */
export function useRpcCall() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RpcOutcome>();
  const controller = useRef<AbortController>(null);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const call = useCallback(async (spec: RpcSpec) => {
    const {message, problem} = toRequestMessage(spec.method, spec.request);
    const base = {headers: [], trailers: [], protocol: spec.protocol, binary: spec.binary};
    if (!message) {
      setOutcome({...base, ok: false, code: 'invalid_argument (client side)', message: problem, ms: 0});
      return;
    }
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    // The previous answer goes: nothing from an earlier call may sit beside this one's outcome.
    setOutcome(undefined);
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
        timeoutMs: spec.timeoutMs,
        signal: abort.signal,
        onHeader: (received) => (headers = [...received.entries()]),
        onTrailer: (received) => (trailers = [...received.entries()]),
      });
      setOutcome({
        ...base,
        ok: true,
        response: toJson(spec.method.output, response, {alwaysEmitImplicit: true}) as JsonValue,
        headers,
        trailers,
        ms: performance.now() - started,
      });
    } catch (caught) {
      const error = ConnectError.from(caught);
      const cancelled = abort.signal.aborted && error.code === Code.Canceled;
      setOutcome({
        ...base,
        ok: false,
        code: codeToString(error.code),
        codeNumber: error.code,
        message: failureMessage(error, cancelled, window.location.origin),
        // On an error Connect merges the response's headers and trailers into error.metadata.
        headers: headers.length ? headers : [...error.metadata.entries()],
        trailers,
        ms: performance.now() - started,
      });
    } finally {
      setBusy(false);
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  return {busy, outcome, call, cancel};
}
