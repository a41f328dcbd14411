import {Code} from '@connectrpc/connect';
import {codeToString} from '@connectrpc/connect/protocol-connect';

/** What a label value outside its known set is counted as: one series, however many values come. */
export const OTHER_LABEL = 'other';

/**
 * A label value from a fixed set, or `other`. A value a client chooses (an
 * HTTP/2 `:method` is any token) would otherwise mint a series per value
 * and grow /metrics and the registry without bound.
 */
export function boundedLabel(value: string, known: ReadonlySet<string>): string {
  return known.has(value) ? value : OTHER_LABEL;
}

/** The methods c-gateway's routes and CORS know. */
export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);

const CODE_NAMES: ReadonlySet<string> = new Set(
  Object.values(Code)
    .filter((code): code is Code => typeof code === 'number')
    .map((code) => codeToString(code)),
);

/** A gRPC code's name (`unavailable`, …), `ok` for none, `other` for a number that is no code. */
export function codeLabel(code: Code | undefined): string {
  if (code === undefined) {
    return 'ok';
  }
  return CODE_NAMES.has(codeToString(code)) ? codeToString(code) : OTHER_LABEL;
}

/** Kinds of injected fault: the latency, rate-limit and tail draws, or an injected code's name. */
export const FAULT_KINDS: ReadonlySet<string> = new Set(['latency', 'ratelimit', 'tail', ...CODE_NAMES]);
