import {Code, ConnectError} from '@connectrpc/connect';
import {copyCallMetadata} from './metadata.js';

/**
 * Codes connect-node gives a call whose HTTP/2 connection broke under it
 * (upstream killed, restarted, reset): CANCELED when the session closed,
 * ABORTED for ECONNRESET or a destroyed stream, INTERNAL or UNKNOWN for an
 * HTTP/2 error reset. None of them is true to the caller, who neither
 * cancelled nor hit a bug: the upstream is unavailable, the code clients
 * retry on.
 */
const BROKEN_CONNECTION = new Set([Code.Canceled, Code.Aborted, Code.Internal, Code.Unknown]);

export interface UpstreamCall {
  /** The caller's signal: aborted when the caller gave up or its deadline passed. */
  readonly callerSignal: AbortSignal;
  /**
   * Set when the deadline of the upstream call was the proxy's own cap
   * (UPSTREAM_TIMEOUT_MS), not the caller's: the caller still had time.
   */
  readonly cappedAtMs?: number;
}

/**
 * The error a caller sees for a failed upstream call: the Router's own
 * errors unchanged (code, message, details, application metadata). Two
 * failures of the connection, not of the Router's answer, become
 * UNAVAILABLE, the code clients retry on: a broken connection, and the
 * proxy's own timeout running out while the caller still had time
 * (DEADLINE_EXCEEDED would tell the caller its deadline passed; it did not).
 * A local failure is described without its own text, which names the
 * upstream's address.
 */
export function upstreamError(reason: unknown, call: UpstreamCall): ConnectError {
  const error = ConnectError.from(reason);
  // The upstream call's own timer, set to the caller's deadline, can fire a moment
  // before the caller's signal does: that is the caller's deadline, said as connect-es says it.
  const callerDeadline = error.code === Code.DeadlineExceeded && call.cappedAtMs === undefined;
  // Every answer from the Router carries grpc-status; a local failure has none.
  const local = !error.metadata.has('grpc-status') && !call.callerSignal.aborted && !callerDeadline;
  const lostConnection = local && BROKEN_CONNECTION.has(error.code);
  const timedOut = local && error.code === Code.DeadlineExceeded && call.cappedAtMs !== undefined;
  // The proxy's own bounds on an answer (its size, its decompression, a Router resetting with
  // ENHANCE_YOUR_CALM) say what was refused, and their text names no address.
  const refusedAnswer = local && error.code === Code.ResourceExhausted;
  // A local failure's own text names the upstream's address (`connect
  // ECONNREFUSED 10.0.0.5:9000`): it goes to the server's log, never to the caller.
  const message = lostConnection
    ? 'upstream Router connection lost'
    : timedOut
      ? `upstream Router did not answer within ${call.cappedAtMs} ms`
      : refusedAnswer
        ? `upstream Router's answer refused: ${error.rawMessage}`
        : local
          ? 'upstream Router unreachable'
          : error.rawMessage;
  const passed = new ConnectError(
    message,
    lostConnection || timedOut ? Code.Unavailable : error.code,
    copyCallMetadata(error.metadata, new Headers()),
    undefined,
    error,
  );
  // Received details stay encoded; connect-es sends them on as they came.
  passed.details.push(...error.details);
  return passed;
}
