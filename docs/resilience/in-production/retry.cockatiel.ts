import {Code, ConnectError} from '@connectrpc/connect';
import {ExponentialBackoff, fullJitterGenerator, handleWhen, retry} from 'cockatiel';

const retryable = new Set([Code.Unavailable, Code.ResourceExhausted]);

export const routerRetry = retry(
  handleWhen((error) => error instanceof ConnectError && retryable.has(error.code)),
  {
    maxAttempts: 5, // cockatiel counts retries: 5 retries = 6 attempts, as in the snippet
    // The default generator is Polly's decorrelated jitter (V2), not the AWS formula: ask for full jitter.
    backoff: new ExponentialBackoff({generator: fullJitterGenerator, initialDelay: 100, maxDelay: 2_000}),
  },
);
