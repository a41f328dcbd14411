import {Code, ConnectError, createClient, type Client, type Interceptor} from '@connectrpc/connect';
import {createConnectTransport} from '@connectrpc/connect-web';
import {Router} from '../gen/beamline/flow/v1/flow_pb';
import {FAULT_HEADER, SESSION_HEADER} from '../contract';
import {formatLogArgs} from './format-value';
import type {ChartPoint, LogLevel, WorkerEvent} from './protocol';

export interface SnippetRuntimeOptions {
  apiBaseUrl: string;
  session: string;
  emit(event: WorkerEvent): void;
  /** Time source; `performance.now` in the worker. */
  clock?: () => number;
}

/** What a snippet sees as globals. Mirrored for the editor in snippet-api.d.ts. */
export interface SnippetApi {
  /** Every level of logging, for the worker to put behind `console`. */
  logger: Record<LogLevel, (...args: unknown[]) => void>;
  router: Client<typeof Router>;
  fault(spec: string | null): void;
  sleep(ms: number): Promise<void>;
  now(): number;
  log(...args: unknown[]): void;
  chart: {point(point: Omit<ChartPoint, 't'> & {t?: number}): void};
  Code: typeof Code;
  ConnectError: typeof ConnectError;
  codeName(code: Code): string;
}

/** `Code.Unavailable` → `unavailable`, the spelling the fault header and the chart use. */
export function codeName(code: Code): string {
  return (Code[code] ?? String(code)).replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function createSnippetRuntime(options: SnippetRuntimeOptions): SnippetApi {
  const clock = options.clock ?? (() => performance.now());
  const startedAt = clock();
  const now = () => Math.round((clock() - startedAt) * 10) / 10;
  let faultSpec: string | null = null;

  const playgroundHeaders: Interceptor = (next) => async (request) => {
    request.header.set(SESSION_HEADER, options.session);
    if (faultSpec) request.header.set(FAULT_HEADER, faultSpec);
    return next(request);
  };
  const transport = createConnectTransport({
    baseUrl: options.apiBaseUrl,
    interceptors: [playgroundHeaders],
  });

  const logger = createLogger(options.emit, now);

  return {
    logger,
    router: createClient(Router, transport),
    fault(spec) {
      faultSpec = spec?.trim() ? spec.trim() : null;
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
    codeName,
  };
}

function createLogger(emit: (event: WorkerEvent) => void, now: () => number): SnippetApi['logger'] {
  const at =
    (level: LogLevel) =>
    (...args: unknown[]) =>
      emit({type: 'log', level, text: formatLogArgs(args), t: now()});
  return {log: at('log'), info: at('info'), warn: at('warn'), error: at('error')};
}
