import type {Interceptor} from '@connectrpc/connect';
import type {ApplyFaults} from './apply.js';

/**
 * The fault injector in front of the Router's handlers: faults first, then
 * the real handler, and the injected latency reported on its answer.
 */
export function createFaultInterceptor(applyFaults: ApplyFaults): Interceptor {
  return (next) => async (req) => {
    const added = await applyFaults(req.header, req.signal);
    const res = await next(req);
    for (const [name, value] of Object.entries(added)) {
      res.header.set(name, value);
    }
    return res;
  };
}
