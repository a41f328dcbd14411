#!/usr/bin/env python3
"""Client-side rate limiting: a token bucket and a leaky bucket, against a limited server.

The demo asks the playground to limit its session to 5 requests per second
(the x-beamline-fault header "ratelimit=5/s" stands in for a gateway's
limit), then sends 12 requests three ways: all at once, through a token
bucket (4/s, bursts of 4) and through a leaky bucket (4/s). Unthrottled, the
burst is refused (429); paced below the server's limit, nothing is.

    BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
    BEAMLINE_TENANT    tenant prefix (default demo)

Standard library only. Exit status 0 when both limiters kept every request under the limit.
"""
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor


class TokenBucket:
    """`capacity` tokens, refilled continuously at `rate` per second; each request takes one.

    Allows bursts up to `capacity`, then settles at `rate`: good when the
    other side allows bursts too (most API limits are token buckets).
    """

    def __init__(self, rate, capacity, clock=time.monotonic):
        self.rate = rate
        self.capacity = capacity
        self.clock = clock
        self.tokens = capacity
        self.updated = clock()
        self.lock = threading.Lock()

    def try_acquire(self):
        """Takes a token if there is one; otherwise says how long until there will be (seconds)."""
        with self.lock:
            now = self.clock()
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            if self.tokens >= 1:
                self.tokens -= 1
                return 0.0
            return (1 - self.tokens) / self.rate

    def acquire(self):
        while (wait_s := self.try_acquire()) > 0:
            time.sleep(wait_s)


class QueueFull(Exception):
    pass


class LeakyBucket:
    """A queue that drains at `rate` per second: requests leave evenly spaced, never in bursts.

    Good when the other side wants a smooth rate. `max_wait_s` bounds the
    queue: a request that would wait longer is refused at once, so a caller
    is told "too busy" instead of waiting behind everyone else.
    """

    def __init__(self, rate, max_wait_s=5.0, clock=time.monotonic):
        self.interval = 1.0 / rate
        self.max_wait_s = max_wait_s
        self.clock = clock
        self.next_slot = clock()
        self.lock = threading.Lock()

    def acquire(self):
        with self.lock:
            now = self.clock()
            slot = max(now, self.next_slot)
            if slot - now > self.max_wait_s:
                raise QueueFull()
            self.next_slot = slot + self.interval
        time.sleep(slot - now)


def decide(tenant, session):
    """One decision; returns the HTTP status."""
    body = {"version": "1", "tenant_id": tenant, "request_id": f"req-{uuid.uuid4()}", "task": {"type": "chat", "payload": {}}}
    headers = {
        "Content-Type": "application/json",
        "X-Tenant-ID": tenant,
        # The playground limits this session to 5/s, as a gateway would limit an API key.
        "x-beamline-fault": "ratelimit=5/s",
        "x-beamline-session": session,
    }
    url = os.environ.get("BEAMLINE_HTTP_URL", "http://localhost:3000").rstrip("/") + "/api/v1/routes/decide"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    runs = [("no limiter", None), ("token bucket 4/s burst 4", TokenBucket(4, 4)), ("leaky bucket 4/s", LeakyBucket(4))]
    refused_with_limiter = 0
    for name, limiter in runs:
        # A tenant and a session per run: each run starts with a full server-side bucket,
        # and reruns stay clear of the gateway's own per-tenant window.
        run_id = uuid.uuid4().hex[:8]
        tenant = f"{os.environ.get('BEAMLINE_TENANT', 'demo')}-{run_id}"
        started = time.monotonic()

        def paced_decide(_):
            if limiter:
                limiter.acquire()
            return decide(tenant, f"rate-demo-{run_id}")

        # All 12 at once: a burst is concurrent, and sent one by one a slow machine would pace it by accident.
        with ThreadPoolExecutor(max_workers=12) as pool:
            statuses = list(pool.map(paced_decide, range(12)))
        refused = statuses.count(429)
        if limiter:
            refused_with_limiter += refused
        print(
            f"{name}: {len(statuses)} sent, {statuses.count(200)} accepted, {refused} refused (429) "
            f"in {time.monotonic() - started:.2f} s",
            flush=True,
        )
    return 1 if refused_with_limiter else 0


if __name__ == "__main__":
    sys.exit(main())
