/**
 * Header names the browser and the playground-server must spell alike.
 * Both sides import them from here; nothing else names them.
 */

/** Request header in which a caller asks for faults on its own request (grammar in fault-spec.ts). */
export const FAULT_HEADER = 'x-beamline-fault';

/**
 * Request header naming one reader (a browser tab): server-side state that
 * belongs to a reader — the `ratelimit` fault's bucket, the per-client
 * limits, room membership — is keyed on it, so a room behind one NAT
 * address is not one client.
 */
export const SESSION_HEADER = 'x-beamline-session';

/**
 * Response header (Connect) or trailer (gRPC, gRPC-Web) on every failure the
 * server injected: the code's name, or `ratelimit`.
 */
export const FAULT_INJECTED_HEADER = 'x-beamline-fault-injected';

/** Response header whenever latency was injected: the milliseconds actually added. */
export const FAULT_LATENCY_HEADER = 'x-beamline-fault-latency-ms';

/**
 * Response header whenever a `tail` fault made the answer late: the
 * milliseconds added after the handler had done its work.
 */
export const FAULT_TAIL_HEADER = 'x-beamline-fault-tail-ms';

/** Request header carried through to the Router's metadata and echoed back. */
export const CORRELATION_HEADER = 'x-correlation-id';
