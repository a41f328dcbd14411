/**
 * Any Policy as a Connect interceptor, in connect-es's shape
 * (`(next) => async (req) => …`, see @connectrpc/connect `Interceptor`):
 * the policy decides whether and how `next(req)` runs. Policies derive
 * their signal from `req.signal` (which Connect aborts on cancel and at the
 * call's `timeoutMs`); when a policy hands down a different signal (e.g. a
 * timeout policy's), it replaces `req.signal` so the transport stops too.
 *
 *   const breaker = new CircuitBreaker(seed001Profile());
 *   const transport = createConnectTransport({
 *     baseUrl, interceptors: [retryInterceptor({...}), policyInterceptor(breaker)],
 *   });
 *
 * Connect applies the *last* interceptor first (closest to the network), so
 * this order retries around the breaker, like `wrap(retry, breaker)`.
 */
import type {Interceptor} from '@connectrpc/connect';
import type {CircuitBreaker} from './circuit-breaker';
import type {Policy} from './policy';

export function policyInterceptor(policy: Policy): Interceptor {
  return (next) => async (req) =>
    policy.execute(({signal}) => next(signal === req.signal ? req : {...req, signal}), req.signal);
}

/** The circuit breaker as an interceptor: an open circuit fails the call with UNAVAILABLE "circuit open" before it is sent. */
export function circuitBreakerInterceptor(breaker: CircuitBreaker): Interceptor {
  return policyInterceptor(breaker);
}
