/**
 * Deadline propagation as a Connect interceptor.
 *
 * How Connect-ES v2 (@connectrpc/connect 2.1.2) carries a timeout: the call
 * option `timeoutMs` is turned, *before* interceptors run, into (a) an
 * AbortSignal on `req.signal` that fires at the deadline and (b) a header,
 * `Connect-Timeout-Ms` (Connect protocol) or `Grpc-Timeout` (gRPC,
 * gRPC-Web). An interceptor therefore cannot set `timeoutMs` itself; it
 * shortens the deadline by writing the header and passing a signal that
 * fires earlier.
 *
 * This interceptor takes an absolute deadline from the call's context
 * values and does both:
 *
 *   const deadline = deadlineAfter(2_000);           // at the edge, once
 *   await client.decide(req, { contextValues: createContextValues().set(deadlineKey, deadline) });
 *
 * If the deadline has already passed, the call fails locally with
 * DEADLINE_EXCEEDED (never sent with a 0 timeout, which Connect would read
 * as "no timeout"). A shorter timeout already on the request wins.
 */
import type {Interceptor} from '@connectrpc/connect';
import {Code, ConnectError, createContextKey} from '@connectrpc/connect';
import {linkedController, raceAbort} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {parseTimeoutHeader, setTimeoutHeader} from './deadline';
import {RejectedError} from './errors';

/** Context key holding the call's absolute deadline (ms on the interceptor's clock). */
export const deadlineKey = createContextKey<number | undefined>(undefined, {description: 'beamline deadline'});

export function deadlineInterceptor(options: {clock?: Clock} = {}): Interceptor {
  const clock = options.clock ?? realClock;
  return (next) => async (req) => {
    const deadline = req.contextValues.get(deadlineKey);
    if (deadline === undefined) return next(req);
    const left = deadline - clock.now();
    if (left <= 0) throw new ConnectError('deadline exceeded before the call was sent', Code.DeadlineExceeded);
    const existing = parseTimeoutHeader(req.header);
    if (existing !== undefined && existing <= left) return next(req);
    setTimeoutHeader(req.header, left);

    // A signal that also fires at our deadline. For streams it stays armed
    // until Connect aborts req.signal at the end of the call.
    const call = linkedController(req.signal);
    const timer = linkedController(req.signal);
    const expired = new RejectedError('timeout', `deadline exceeded (${Math.ceil(left)} ms)`, Code.DeadlineExceeded);
    clock.sleep(left, timer.controller.signal).then(
      () => call.controller.abort(expired),
      () => {},
    );
    if (req.stream) return next({...req, signal: call.controller.signal});
    try {
      return await raceAbort(next({...req, signal: call.controller.signal}), call.controller.signal);
    } finally {
      timer.controller.abort();
      timer.dispose();
      call.dispose();
    }
  };
}
