import type {Interceptor, UnaryRequest, UnaryResponse} from '@connectrpc/connect';

/**
 * Runs the fault interceptor on its own, in front of work that is not a
 * Connect call: forwarding to a real c-gateway (C_GATEWAY_URL). Resolves
 * with the headers the interceptor adds to a success (injected latency),
 * rejects with the ConnectError it injects. The interceptor reads only the
 * request's headers and signal, so those are all this stand-in request has.
 */
export function createFaultStep(faults: Interceptor): (header: Headers, signal: AbortSignal) => Promise<Headers> {
  return async (header, signal) => {
    const responseHeader = new Headers();
    const passed = faults(async () => ({header: responseHeader, trailer: new Headers()}) as unknown as UnaryResponse);
    await passed({header, signal} as unknown as UnaryRequest);
    return responseHeader;
  };
}
