import { Code, ConnectError } from "@connectrpc/connect";
import { copyCallMetadata } from "./metadata.js";

/**
 * Codes connect-node gives a call whose HTTP/2 connection broke under it
 * (upstream killed, restarted, reset): CANCELED when the session closed,
 * ABORTED for ECONNRESET or a destroyed stream, INTERNAL or UNKNOWN for an
 * HTTP/2 error reset. None of them is true to the caller, who neither
 * cancelled nor hit a bug: the upstream is unavailable, the code clients
 * retry on.
 */
const BROKEN_CONNECTION = new Set([Code.Canceled, Code.Aborted, Code.Internal, Code.Unknown]);

/**
 * The error a caller sees for a failed upstream call: the Router's own
 * errors unchanged (code, message, details, application metadata); a
 * broken connection as UNAVAILABLE.
 */
export function upstreamError(reason: unknown, callerSignal: AbortSignal): ConnectError {
  const error = ConnectError.from(reason);
  // Every answer from the Router carries grpc-status; a local failure has none.
  const fromRouter = error.metadata.has("grpc-status");
  const lostConnection = !fromRouter && !callerSignal.aborted && BROKEN_CONNECTION.has(error.code);
  const passed = new ConnectError(
    lostConnection ? `upstream Router connection lost: ${error.rawMessage}` : error.rawMessage,
    lostConnection ? Code.Unavailable : error.code,
    copyCallMetadata(error.metadata, new Headers()),
    undefined,
    error,
  );
  // Received details stay encoded; connect-es sends them on as they came.
  passed.details.push(...error.details);
  return passed;
}
