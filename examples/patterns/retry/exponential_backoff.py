#!/usr/bin/env python3
"""Retry with exponential backoff and full jitter, against c-gateway's decide endpoint.

    BEAMLINE_HTTP_URL      c-gateway (default http://localhost:3000, the playground-server)
    BEAMLINE_TENANT        tenant (default demo)
    BEAMLINE_MAX_ATTEMPTS  attempts in all, the first included (default 5)
    BEAMLINE_FAULT         optional x-beamline-fault header: the playground fails these calls
                           on purpose, e.g. "error=0.5;code=unavailable"

Standard library only. Exit status 0 with a decision, 1 after the last attempt failed.
"""
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
import uuid

BASE_S = 0.1  # the first retry waits up to 100 ms …
CAP_S = 2.0  # … and no backoff is ever longer than 2 s
MAX_WAIT_S = 5.0  # a server asking for a longer wait (Retry-After: 30) gets an answer, not a blocked caller
# The same request_id on every attempt: one logical request, one id in the logs.
REQUEST_ID = f"req-{uuid.uuid4()}"


def backoff_s(attempt, base_s=BASE_S, cap_s=CAP_S, rand=random.random):
    """Full jitter: a uniformly random wait in [0, min(cap, base * 2**attempt)).

    From the AWS Architecture Blog's "Exponential Backoff And Jitter": the
    exponential part stops a retrying client from hammering a struggling
    server, the randomness stops many clients that failed together from
    coming back together. Of the strategies the article compares, full
    jitter does the least work and finishes soonest. `attempt` counts from 0.
    """
    return rand() * min(cap_s, base_s * 2 ** attempt)


class Retryable(Exception):
    """A failure worth another try; `retry_after_s` is the server's own advice, if it gave one."""

    def __init__(self, reason, retry_after_s=None):
        super().__init__(reason)
        self.retry_after_s = retry_after_s


def retry(call, max_attempts):
    """Calls `call()` until it returns, it raises something not Retryable, or attempts run out."""
    for attempt in range(max_attempts):
        try:
            return call()
        except Retryable as failure:
            if attempt + 1 == max_attempts:
                print(f"attempt {attempt + 1}: {failure}; giving up after {max_attempts} attempts", flush=True)
                raise
            # The server knows best when it can take us again (Retry-After on 429/503).
            wait_s = failure.retry_after_s if failure.retry_after_s is not None else backoff_s(attempt)
            if wait_s > MAX_WAIT_S:
                print(f"attempt {attempt + 1}: {failure}; the server asks for {wait_s:.0f} s, more than we wait", flush=True)
                raise failure
            print(f"attempt {attempt + 1}: {failure}; waiting {wait_s * 1000:.0f} ms", flush=True)
            time.sleep(wait_s)


def decide():
    """One attempt at a decision; 429, 503 and network errors raise Retryable, other errors raise as they are."""
    tenant = os.environ.get("BEAMLINE_TENANT", "demo")
    body = {"version": "1", "tenant_id": tenant, "request_id": REQUEST_ID, "task": {"type": "chat", "payload": {}}}
    headers = {"Content-Type": "application/json", "X-Tenant-ID": tenant}
    if os.environ.get("BEAMLINE_FAULT"):
        headers["x-beamline-fault"] = os.environ["BEAMLINE_FAULT"]
    url = os.environ.get("BEAMLINE_HTTP_URL", "http://localhost:3000").rstrip("/") + "/api/v1/routes/decide"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)["decision"]
    except urllib.error.HTTPError as error:
        code = json.load(error).get("error", {}).get("code", "?")
        if error.code in (429, 503):
            retry_after = error.headers.get("Retry-After")
            raise Retryable(f"HTTP {error.code} {code}", float(retry_after) if retry_after else None) from None
        raise RuntimeError(f"HTTP {error.code} {code}") from None
    except (urllib.error.URLError, TimeoutError) as error:
        raise Retryable(f"network error: {error}") from None


if __name__ == "__main__":
    try:
        decision = retry(decide, int(os.environ.get("BEAMLINE_MAX_ATTEMPTS", "5")))
    except (Retryable, RuntimeError) as failure:
        print(f"failed: {failure}", flush=True)
        sys.exit(1)
    print(f"decision provider={decision['provider_id']} reason={decision['reason']}", flush=True)
