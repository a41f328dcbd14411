#!/usr/bin/env python3
"""A circuit breaker in front of c-gateway, shown through a staged outage.

The demo sends 8 calls during an "outage" (it asks the playground to fail
them with the x-beamline-fault header), waits for the breaker to let a trial
call through, then sends 3 calls after "recovery". It prints every call and
every state change: closed -> open after 5 failures, calls rejected without
touching the network while open, open -> half_open after the open period,
half_open -> closed after 2 successes.

    BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
    BEAMLINE_TENANT    tenant (default demo)
    BREAKER_OPEN_MS    how long the circuit stays open in the demo (default 2000)

Standard library only. Exit status 0 when the circuit ends closed.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    """Consecutive-failure circuit breaker.

    Defaults are the profile this guide uses (seed 001): open after 5
    consecutive failures, try again (half-open) after 30 s, close after 2
    consecutive successes. While open, calls fail at once: a service that is
    down gets time to recover instead of a queue of retries, and callers get
    an answer in microseconds instead of a timeout.
    """

    def __init__(self, failure_threshold=5, open_s=30.0, success_threshold=2, clock=time.monotonic):
        self.failure_threshold = failure_threshold
        self.open_s = open_s
        self.success_threshold = success_threshold
        self.clock = clock
        self.state = CLOSED
        self.failures = 0
        self.successes = 0
        self.opened_at = 0.0

    def call(self, fn, is_failure):
        if self.state == OPEN:
            if self.clock() - self.opened_at < self.open_s:
                raise CircuitOpenError()
            self._move(HALF_OPEN)
        try:
            result = fn()
        except Exception as error:
            if is_failure(error):
                self._on_failure()
            raise
        self._on_success()
        return result

    def _on_failure(self):
        self.successes = 0
        self.failures += 1
        # One failed trial call is enough to open again.
        if self.state == HALF_OPEN or self.failures >= self.failure_threshold:
            self.opened_at = self.clock()
            self._move(OPEN)

    def _on_success(self):
        self.failures = 0
        if self.state == HALF_OPEN:
            self.successes += 1
            if self.successes >= self.success_threshold:
                self._move(CLOSED)

    def _move(self, state):
        print(f"state: {self.state} -> {state}", flush=True)
        self.state = state
        self.successes = 0
        if state == CLOSED:
            self.failures = 0


class HttpError(Exception):
    def __init__(self, status, code):
        super().__init__(f"HTTP {status} {code}")
        self.status = status


def server_trouble(error):
    """5xx and network errors count against the Router; a 4xx is the caller's own mistake."""
    return not isinstance(error, HttpError) or error.status >= 500


def decide(fault=None):
    tenant = os.environ.get("BEAMLINE_TENANT", "demo")
    body = {"version": "1", "tenant_id": tenant, "request_id": f"req-{uuid.uuid4()}", "task": {"type": "chat", "payload": {}}}
    headers = {"Content-Type": "application/json", "X-Tenant-ID": tenant}
    if fault:
        headers["x-beamline-fault"] = fault
    url = os.environ.get("BEAMLINE_HTTP_URL", "http://localhost:3000").rstrip("/") + "/api/v1/routes/decide"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)["decision"]
    except urllib.error.HTTPError as error:
        raise HttpError(error.code, json.load(error).get("error", {}).get("code", "?")) from None


def main():
    breaker = CircuitBreaker(open_s=int(os.environ.get("BREAKER_OPEN_MS", "2000")) / 1000)
    # The playground fails these calls on purpose; a real gateway would ignore the header.
    phases = [("outage", "error=1;code=unavailable", 8), ("recovered", None, 3)]
    n = 0
    for phase, fault, calls in phases:
        if phase == "recovered":
            time.sleep(breaker.open_s)  # let the open period run out
        for _ in range(calls):
            n += 1
            try:
                decision = breaker.call(lambda: decide(fault), server_trouble)
                print(f"{phase} call {n}: ok (provider {decision['provider_id']})", flush=True)
            except CircuitOpenError:
                print(f"{phase} call {n}: rejected locally, circuit open", flush=True)
            except Exception as error:
                print(f"{phase} call {n}: failed ({error})", flush=True)
    return 0 if breaker.state == CLOSED else 1


if __name__ == "__main__":
    sys.exit(main())
