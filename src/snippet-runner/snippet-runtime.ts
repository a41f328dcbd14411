import {codeToString} from '@connectrpc/connect/protocol-connect';
import {Code, ConnectError, createClient, type Client, type Interceptor} from '@connectrpc/connect';
import {createConnectTransport} from '@connectrpc/connect-web';
import {PREVIOUS_ATTEMPTS_HEADER, ROOM_HEADER} from '../contract/room';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {FAULT_HEADER, SESSION_HEADER} from '../contract';
import {Ledger} from '@beamline/api/beamline/playground/v1/ledger_pb';
import {formatLogArgs} from './format-value';
import {tenantFor} from './session';
import type {ChartPoint, LogLevel, WorkerEvent} from './protocol';

export interface SnippetRuntimeOptions {
  apiBaseUrl: string;
  session: string;
  /** The workshop room the reader is in (`?room=`); absent: the default room. */
  room?: string;
  emit(event: WorkerEvent): void;
  /** Time source; `performance.now` in the worker. */
  clock?: () => number;
  /** Told when a call gets no answer at all: refused or reset, not aborted by the snippet's own deadline. */
  unanswered?(): void;
}

/** What a snippet sees as globals. Mirrored for the editor in snippet-api.d.ts. */
export interface SnippetApi {
  /** Every level of logging, for the worker to put behind `console`. */
  logger: Record<LogLevel, (...args: unknown[]) => void>;
  router: Client<typeof Router>;
  /** This reader's own tenant, so a room of readers never shares a policy or a rate-limit window. */
  tenant: string;
  /** The playground-only ledger of the idempotency lesson (beamline.playground.v1). */
  ledger: Client<typeof Ledger>;
  fault(spec: string | null): void;
  sleep(ms: number): Promise<void>;
  now(): number;
  log(...args: unknown[]): void;
  chart: {point(point: Omit<ChartPoint, 't'> & {t?: number}): void};
  Code: typeof Code;
  ConnectError: typeof ConnectError;
  codeName(code: Code): string;
}

export function createSnippetRuntime(options: SnippetRuntimeOptions): SnippetApi {
  const clock = options.clock ?? (() => performance.now());
  const startedAt = clock();
  const now = () => Math.round((clock() - startedAt) * 10) / 10;
  let faultSpec: string | null = null;

  const countAttempt = createAttemptCounter();
  const playgroundHeaders: Interceptor = (next) => async (request) => {
    request.header.set(SESSION_HEADER, options.session);
    if (options.room) request.header.set(ROOM_HEADER, options.room);
    const previous = countAttempt(request.message);
    if (previous > 0 && !request.header.has(PREVIOUS_ATTEMPTS_HEADER)) {
      request.header.set(PREVIOUS_ATTEMPTS_HEADER, String(previous));
    }
    if (faultSpec) request.header.set(FAULT_HEADER, faultSpec);
    return next(request);
  };
  const transport = createConnectTransport({
    baseUrl: options.apiBaseUrl,
    interceptors: [playgroundHeaders],
    fetch: (input, init) =>
      globalThis.fetch(input, init).catch((error: unknown) => {
        if (!init?.signal?.aborted) options.unanswered?.();
        throw error;
      }),
  });

  const logger = createLogger(options.emit, now);

  return {
    logger,
    router: createClient(Router, transport),
    tenant: tenantFor(options.session),
    ledger: createClient(Ledger, transport),
    fault(spec) {
      faultSpec = spec?.trim() ? spec.trim() : null;
      // The page's fault panel shows what is in force, which a scripted snippet may change at any time.
      options.emit({type: 'fault', spec: faultSpec, t: now()});
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
    now,
    log: logger.log,
    chart: {
      point(point) {
        options.emit({type: 'point', point: {...point, t: point.t ?? now()}});
      },
    },
    Code,
    ConnectError,
    // `Code.Unavailable` → `unavailable`, the spelling the fault header and the chart use.
    codeName: codeToString,
  };
}

/**
 * How many calls of this run already carried the same message id: a snippet's
 * hand-written retry loop resends its request, so this is how the server (a
 * workshop room's dashboard) tells its retries from first attempts, as gRFC
 * A6's `grpc-previous-rpc-attempts` does for gRPC's own retries.
 */
function createAttemptCounter(): (message: unknown) => number {
  const seen = new Map<string, number>();
  return (message) => {
    const id = (message as {message?: {messageId?: unknown}} | undefined)?.message?.messageId;
    if (typeof id !== 'string' || id === '') return 0;
    const previous = seen.get(id) ?? 0;
    // Bounded for a snippet that sends a new id in an endless loop.
    if (seen.size >= 10_000 && previous === 0) seen.clear();
    seen.set(id, previous + 1);
    return previous;
  };
}

function createLogger(emit: (event: WorkerEvent) => void, now: () => number): SnippetApi['logger'] {
  const at =
    (level: LogLevel) =>
    (...args: unknown[]) =>
      emit({type: 'log', level, text: formatLogArgs(args), t: now()});
  return {log: at('log'), info: at('info'), warn: at('warn'), error: at('error')};
}
