/** HTTP's Retry-After is whole seconds: never 0, and never shorter than the wait in ms. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** A refusal's retry hints: `Retry-After` in whole seconds (HTTP), `grpc-retry-pushback-ms` in milliseconds (gRPC). */
export function retryHeaders(retryAfterMs: number): Record<string, string> {
  return {
    'retry-after': String(retryAfterSeconds(retryAfterMs)),
    'grpc-retry-pushback-ms': String(retryAfterMs),
  };
}
