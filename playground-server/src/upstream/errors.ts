import { Code, ConnectError } from "@connectrpc/connect";
import { copyCallMetadata } from "./metadata.js";

/**
 * The error a caller sees for a failed upstream call: the Router's own
 * errors unchanged (code, message, details, application metadata), and
 * one correction: connect-node reports a call whose HTTP/2 connection died
 * under it (upstream killed or restarted) as CANCELED. CANCELED means "the
 * caller gave up"; when our caller has not, the truth is UNAVAILABLE, the
 * code clients retry on.
 */
export function upstreamError(reason: unknown, callerSignal: AbortSignal): ConnectError {
  const error = ConnectError.from(reason);
  const lostConnection = error.code === Code.Canceled && !callerSignal.aborted;
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
