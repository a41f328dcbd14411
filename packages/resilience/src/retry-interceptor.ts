/**
 * Retry as a Connect interceptor (connect-es shape, `(next) => async (req) => …`).
 *
 * - Unary calls only: a streaming request's messages are an AsyncIterable
 *   that cannot be replayed (gRFC A6 retries streams only while the whole
 *   outgoing stream is buffered), so streams pass through untouched.
 * - The call's own deadline is honoured: Connect-ES v2 turns the call option
 *   `timeoutMs` into `req.signal` (aborts at the deadline) and a
 *   `Connect-Timeout-Ms` / `Grpc-Timeout` header before interceptors run.
 *   We read that header to learn the deadline, so no backoff sleep is
 *   started that would end past it, and each retry carries only the time
 *   that is left.
 * - Each retry carries `grpc-previous-rpc-attempts: <n>` (gRFC A6, "Exposed
 *   Retry Metadata").
 */
import type {Interceptor} from '@connectrpc/connect';
import {linkedController} from './abort';
import {realClock} from './clock';
import {parseTimeoutHeader, setTimeoutHeader} from './deadline';
import type {RetryOptions} from './retry';
import {retry} from './retry';

export function retryInterceptor(options: RetryOptions = {}): Interceptor {
  return (next) => async (req) => {
    if (req.stream) return next(req);
    const clock = options.clock ?? realClock;
    const timeoutMs = parseTimeoutHeader(req.header);
    const callDeadline = timeoutMs === undefined ? Infinity : clock.now() + timeoutMs;
    const deadline = Math.min(callDeadline, options.deadline ?? Infinity);
    const cancel = linkedController(req.signal, options.signal);
    try {
      return await retry(
        ({attempt, signal}) => {
          const header = new Headers(req.header);
          if (attempt > 1) {
            header.set('grpc-previous-rpc-attempts', String(attempt - 1));
            if (deadline !== Infinity) setTimeoutHeader(header, deadline - clock.now());
          }
          return next({...req, header, signal});
        },
        {
          ...options,
          clock,
          deadline: deadline === Infinity ? undefined : deadline,
          signal: cancel.controller.signal,
        },
      );
    } finally {
      cancel.dispose();
    }
  };
}
