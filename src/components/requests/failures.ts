/**
 * Why a call from the page got no answer, in words a reader can act on. A
 * browser reports every network failure as a bare TypeError ("Failed to
 * fetch" in Chromium, "NetworkError…" in Firefox, "Load failed" in Safari);
 * anything else it throws before sending is a request it refused to make.
 */
const unreachablePattern = /Failed to fetch|NetworkError|Load failed|network error/i;

export type FailureKind = 'unreachable' | 'refused';

export function failureKind(error: unknown): FailureKind {
  const message = error instanceof Error ? error.message : String(error);
  return unreachablePattern.test(message) ? 'unreachable' : 'refused';
}

/** Whether a page's host name is this machine's own (loopback), which nobody else can open. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

/**
 * On their own machine a reader can start the server; in a workshop the page
 * comes from the facilitator's laptop, where npm start would mean nothing.
 */
export function unreachableMessage(origin: string): string {
  return isLoopbackHost(new URL(origin).hostname)
    ? `Could not reach the playground-server at ${origin} — is it running? ` +
        'Start it with npm start (or npm run serve after a build), then send again.'
    : `Could not reach the playground-server at ${origin}, where this page comes from. ` +
        'Check your network connection, or ask whoever runs it (in a workshop, the facilitator) whether it is still running.';
}

export function explainFailure(error: unknown, origin: string): string {
  if (failureKind(error) === 'unreachable') return unreachableMessage(origin);
  const message = error instanceof Error ? error.message : String(error);
  return `Your browser refused to send this request, so nothing reached the server: ${message}`;
}
