#!/usr/bin/env python3
"""Calls the Beamline Router over gRPC: retries with backoff, a circuit breaker.

    BEAMLINE_GRPC_ADDR  host:port of the Router (default localhost:3000, the playground-server)
    BEAMLINE_TENANT     tenant to route for (default demo)
    BEAMLINE_CALLS      how many decisions to ask for (default 3)
    BEAMLINE_FAULT      optional x-beamline-fault header: the playground fails or slows
                        these calls on purpose (e.g. "error=1;code=unavailable"); a real
                        Router ignores it

Stubs: beamline/flow/v1/ is generated from proto/ (`npm run generate:stubs`).
Exit status: 0 when every call got a decision, 1 otherwise.
"""
import os
import random
import sys
import time
import uuid

import grpc

from beamline.flow.v1 import flow_pb2, flow_pb2_grpc

# Worth another try: the Router (or the way to it) is briefly unable, not unwilling.
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED}
# Failures that say the Router is in trouble; a bad request of ours is not one.
BREAKER_FAILURES = RETRYABLE | {grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN}


class RetryInterceptor(grpc.UnaryUnaryClientInterceptor):
    """Retries retryable failures with exponential backoff and full jitter.

    Full jitter (a random delay between 0 and base * 2**n, capped) spreads the
    retries of many clients that failed together, instead of sending them back
    in one synchronized wave (AWS Architecture Blog, "Exponential Backoff And
    Jitter"). A server that says when to come back (`grpc-retry-pushback-ms`,
    gRFC A6) is believed instead.
    """

    def __init__(self, max_attempts=4, base_s=0.1, cap_s=2.0):
        self.max_attempts = max_attempts
        self.base_s = base_s
        self.cap_s = cap_s

    def intercept_unary_unary(self, continuation, client_call_details, request):
        for attempt in range(1, self.max_attempts + 1):
            call = continuation(client_call_details, request)
            # A unary call's outcome: code() waits for it to finish.
            code = call.code()
            if code == grpc.StatusCode.OK or code not in RETRYABLE or attempt == self.max_attempts:
                return call
            delay_s = pushback_s(call) or random.uniform(0, min(self.cap_s, self.base_s * 2 ** (attempt - 1)))
            print(f"attempt {attempt}: {code.name} ({call.details()}); retrying in {delay_s * 1000:.0f} ms", flush=True)
            time.sleep(delay_s)
        raise AssertionError("unreachable")


def pushback_s(call):
    """The server's own retry delay, if it sent one."""
    for key, value in call.trailing_metadata() or ():
        if key == "grpc-retry-pushback-ms":
            return int(value) / 1000
    return None


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Stops calling a Router that keeps failing, and tries again later.

    After `threshold` consecutive failures the circuit opens: calls fail at
    once, without touching the network, for `open_s` seconds. Then one trial
    call goes through (half-open): success closes the circuit, failure opens
    it again. Retrying inside an open circuit would only add load to a
    service that is already down.
    """

    def __init__(self, threshold=3, open_s=5.0):
        self.threshold = threshold
        self.open_s = open_s
        self.failures = 0
        self.opened_at = None

    def call(self, fn):
        if self.opened_at is not None:
            if time.monotonic() - self.opened_at < self.open_s:
                raise CircuitOpen()
            print("circuit half-open: trying one call", flush=True)
        try:
            result = fn()
        except grpc.RpcError as error:
            if error.code() in BREAKER_FAILURES:
                self.failures += 1
                if self.opened_at is not None or self.failures >= self.threshold:
                    if self.opened_at is None:
                        print(f"circuit open after {self.failures} failures", flush=True)
                    self.opened_at = time.monotonic()
            raise
        self.failures = 0
        if self.opened_at is not None:
            print("circuit closed", flush=True)
        self.opened_at = None
        return result


def main():
    addr = os.environ.get("BEAMLINE_GRPC_ADDR", "localhost:3000")
    tenant = os.environ.get("BEAMLINE_TENANT", "demo")
    calls = int(os.environ.get("BEAMLINE_CALLS", "3"))
    fault = os.environ.get("BEAMLINE_FAULT")

    breaker = CircuitBreaker()
    failed = 0
    # One channel for the whole process: it keeps one HTTP/2 connection and
    # multiplexes every call over it. Closing it on the way out lets the
    # server see a clean goodbye.
    with grpc.insecure_channel(addr) as channel:
        router = flow_pb2_grpc.RouterStub(grpc.intercept_channel(channel, RetryInterceptor()))
        for n in range(1, calls + 1):
            request = flow_pb2.RouteRequest(
                message=flow_pb2.Message(
                    # The same message_id on every retry: a sticky policy keeps it on one provider.
                    message_id=f"msg-{uuid.uuid4()}",
                    tenant_id=tenant,
                    message_type="chat",
                    payload=b'{"text": "hello"}',
                    timestamp_ms=int(time.time() * 1000),
                ),
                context={"tier": "standard"},
            )
            metadata = [("x-correlation-id", str(uuid.uuid4()))]
            if fault:
                metadata.append(("x-beamline-fault", fault))
            try:
                # The deadline covers one attempt; without one a stuck call waits forever.
                decision = breaker.call(lambda: router.Decide(request, timeout=2.0, metadata=metadata))
                print(
                    f"call {n}: decision provider={decision.provider_id} priority={decision.priority} "
                    f"reason={decision.reason} expected_latency_ms={decision.expected_latency_ms}",
                    flush=True,
                )
            except CircuitOpen:
                failed += 1
                print(f"call {n}: rejected: circuit open", flush=True)
            except grpc.RpcError as error:
                failed += 1
                print(f"call {n}: failed: {error.code().name} ({error.details()})", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
