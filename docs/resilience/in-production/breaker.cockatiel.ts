import {Code, ConnectError} from '@connectrpc/connect';
import {ConsecutiveBreaker, circuitBreaker, handleWhen} from 'cockatiel';

// The caller's own mistakes say nothing about the Router's health; handleAll would count them.
const callerErrors = new Set([
  Code.Canceled,
  Code.InvalidArgument,
  Code.NotFound,
  Code.AlreadyExists,
  Code.PermissionDenied,
  Code.FailedPrecondition,
  Code.OutOfRange,
  Code.Unauthenticated,
]);

export const routerBreaker = circuitBreaker(
  handleWhen((error) => !(error instanceof ConnectError && callerErrors.has(error.code))),
  {
    breaker: new ConsecutiveBreaker(5), // open on the 5th failure in a row
    halfOpenAfter: 30_000, // the seed 001 profile's pause
    // Close after 2 successful probes, reopen on a failed one (cockatiel's default closes after 1).
    halfOpenSampling: {calls: 2, threshold: 0},
  },
);
