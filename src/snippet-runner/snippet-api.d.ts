/*
 * The globals a playground snippet can use. Monaco loads this file for
 * IntelliSense (with connect-types.d.ts standing in for @connectrpc/connect);
 * src/snippets/api-conformance.ts checks that the runtime really provides
 * these shapes.
 */

/** gRPC/Connect status codes, as numbers (Code.Unavailable === 14). */
declare const Code: typeof import('@connectrpc/connect').Code;
type Code = import('@connectrpc/connect').Code;

/** The error every failed call rejects with: `.code`, `.rawMessage`, `.metadata` (headers and trailers). */
declare const ConnectError: typeof import('@connectrpc/connect').ConnectError;
type ConnectError = import('@connectrpc/connect').ConnectError;

/** A message to route (beamline.flow.v1.Message). */
interface RouteMessageInit {
  messageId?: string;
  tenantId?: string;
  traceId?: string;
  messageType?: string;
  payload?: Uint8Array;
  metadata?: {[key: string]: string};
  timestampMs?: bigint;
}

/** beamline.flow.v1.RouteRequest */
interface RouteRequestInit {
  message?: RouteMessageInit;
  /** Empty means the tenant's `default` policy. */
  policyId?: string;
  context?: {[key: string]: string};
}

/** beamline.flow.v1.RouteDecision: which provider to send the message to. */
interface RouteDecision {
  providerId: string;
  reason: string;
  priority: number;
  expectedLatencyMs: bigint;
  expectedCost: number;
  metadata: {[key: string]: string};
}

interface CallOptions {
  /** Deadline for this call; the server sees it as `grpc-timeout`/`connect-timeout-ms`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  headers?: HeadersInit;
  onHeader?(headers: Headers): void;
  onTrailer?(trailers: Headers): void;
}

/** A Connect client of the Router service, through the playground-server. */
declare const router: {
  decide(request: RouteRequestInit, options?: CallOptions): Promise<RouteDecision>;
};

/** This reader's own tenant id (`reader-…`): use it as `tenantId` so your calls never share state with another reader's. */
declare const tenant: string;

/** beamline.playground.v1.AppendRequest */
interface LedgerAppendInit {
  /** The logical request, e.g. `"order-7"`: entries with the same reference beyond the first are duplicates. */
  reference?: string;
  amountCents?: bigint;
  /** Optional; the same key on a retry makes the server replay the first result instead of appending again. */
  idempotencyKey?: string;
}

/** beamline.playground.v1.AppendResponse */
interface LedgerAppendResult {
  entryId: string;
  /** Entries your ledger holds for this reference, this one included: 1 means exactly once. */
  entriesForReference: number;
  /** True when this is the stored result of an earlier call with the same key: nothing was appended. */
  replayed: boolean;
  balanceCents: bigint;
}

/**
 * A playground-only service (not part of the Router) that appends one ledger
 * entry per call it processes — for the lesson on safe retries. Each reader
 * has a ledger of their own.
 */
declare const ledger: {
  append(request: LedgerAppendInit, options?: CallOptions): Promise<LedgerAppendResult>;
};

/**
 * Makes the server misbehave for this run's calls only, e.g.
 * `fault('error=0.5;code=unavailable;latency=80ms;jitter=40ms')`, or a latency tail that answers late
 * after the work is done: `fault('tail=0.05:800ms')`. `null` clears it.
 */
declare function fault(spec: string | null): void;

/** Resolves after `ms` milliseconds. */
declare function sleep(ms: number): Promise<void>;

/** Milliseconds since the run started. */
declare function now(): number;

/** Prints a line in the output pane (objects as JSON). */
declare function log(...values: unknown[]): void;

/** `Code.Unavailable` → `"unavailable"`. */
declare function codeName(code: Code): string;

interface ChartPointInit {
  /** Attempt number, 1 for the first call. */
  attempt?: number;
  /** How long the snippet slept before this attempt, in ms (the y axis). */
  delayMs?: number;
  /** `"ok"` or a code name; picks the point's colour. */
  outcome: string;
  /** How long the call took, in ms. */
  latencyMs?: number;
  series?: string;
  value?: number;
  /** When it happened, ms since start; defaults to now(). */
  t?: number;
}

/** The live chart beside the editor. */
declare const chart: {
  point(point: ChartPointInit): void;
};
