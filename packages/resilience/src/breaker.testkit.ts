/** For the breaker tests: calls that fail or succeed, and what a breaker made of one. */
import {Code, ConnectError} from '@connectrpc/connect';
import type {CircuitBreaker} from './circuit-breaker';
import {RejectedError} from './errors';

export const fail = () => Promise.reject(new ConnectError('down', Code.Unavailable));
export const ok = () => Promise.resolve('ok');

/** The call's result, or 'rejected' when the breaker refused it, or 'failed'. */
export async function outcome(breaker: CircuitBreaker, fn: () => Promise<string>): Promise<string> {
  try {
    return await breaker.execute(fn);
  } catch (e) {
    return e instanceof RejectedError ? 'rejected' : 'failed';
  }
}
