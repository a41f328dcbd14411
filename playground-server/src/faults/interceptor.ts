import type {Interceptor} from '@connectrpc/connect';
import {type ApplyFaults, lateAnswer} from './apply.js';

/**
 * The fault injector in front of the Router's handlers: faults first, then
 * the real handler, then a drawn latency tail, and the injected latency
 * reported on its answer.
 */
export function createFaultInterceptor(
  applyFaults: ApplyFaults,
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>,
): Interceptor {
  return (next) => async (req) => {
    const added = await applyFaults(req.header, req.signal);
    const res = await next(req);
    await lateAnswer(added, req.signal, sleep);
    for (const [name, value] of Object.entries(added)) {
      res.header.set(name, value);
    }
    return res;
  };
}
