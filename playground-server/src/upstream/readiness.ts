import {Code, ConnectError, createClient, type Transport} from '@connectrpc/connect';
import {codeToString} from '@connectrpc/connect/protocol-connect';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';

export interface Readiness {
  readonly ready: boolean;
  /** Why not, or what answered: public (/readyz), so it never names the upstream's address. */
  readonly detail: string;
  /** The failure's own text, which may name the address: for the server's log only. */
  readonly cause?: string;
  /** When it was last checked (ms since the epoch); undefined before the first check. */
  readonly checkedAt?: number;
}

/** Answers that do not come from a working Router: the connection, not the Router, spoke. */
const NOT_ANSWERING = new Set([Code.Unavailable, Code.DeadlineExceeded, Code.Canceled, Code.Unknown]);

/**
 * Asks the upstream Router once: a Decide with an empty request, which a
 * live Router rejects at once with INVALID_ARGUMENT ("message is
 * required") without routing anything. Any answer from the Router itself
 * means it is up; no answer (refused, reset, timed out) means it is not.
 */
export async function probeUpstream(transport: Transport, timeoutMs: number): Promise<Readiness> {
  const checkedAt = Date.now();
  try {
    await createClient(Router, transport).decide({}, {timeoutMs});
    return {ready: true, detail: 'upstream Router answered', checkedAt};
  } catch (reason) {
    const error = ConnectError.from(reason);
    return NOT_ANSWERING.has(error.code)
      ? {
          ready: false,
          detail: `upstream Router not answering (${codeToString(error.code)})`,
          cause: error.message,
          checkedAt,
        }
      : {ready: true, detail: 'upstream Router answered', checkedAt};
  }
}

export interface ReadinessMonitor {
  current(): Readiness;
  stop(): void;
}

/**
 * Probes every `intervalMs` and keeps the last result, so /readyz answers
 * at once and a load balancer polling it often adds no load upstream.
 */
export function monitorReadiness(options: {
  probe: () => Promise<Readiness>;
  intervalMs: number;
  onChange?: (readiness: Readiness) => void;
}): ReadinessMonitor {
  let last: Readiness = {ready: false, detail: 'upstream Router not probed yet'};
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    const next = await options.probe();
    if (stopped) {
      return;
    }
    if (next.ready !== last.ready || last.checkedAt === undefined) {
      options.onChange?.(next);
    }
    last = next;
    timer = setTimeout(() => void run(), options.intervalMs);
    timer.unref();
  };
  void run();
  return {
    current: () => last,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
