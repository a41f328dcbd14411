#!/usr/bin/env python3
"""Client-side adaptive throttling (Google SRE book, "Handling Overload").

Each client remembers, over the last two minutes, how many requests it
attempted and how many the backend accepted, and rejects a new request
locally with probability

    max(0, (requests - K * accepts) / (requests + 1))

With K = 2 nothing is rejected while the backend accepts at least half of
what is sent; once it is overloaded, clients stop sending most of what would
be refused anyway, and the backend spends its capacity on real work instead
of on saying no.

The demo sends 20 requests while the backend is healthy, 60 while it is
overloaded (it asks the playground to answer 503 service_overloaded with the
x-beamline-fault header), and 40 after it recovers, and prints how many
requests each phase sent and how many it rejected locally.

    BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server)
    BEAMLINE_TENANT    tenant prefix (default demo)
    SEED               seeds the local random draws, to replay a run (default: unseeded)

Standard library only. Exit status 0.
"""
import collections
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
import uuid


class Overloaded(Exception):
    """The backend refused for lack of capacity (429 or 503): not an accept."""


class ThrottledLocally(Exception):
    """Rejected by the client itself, without a request."""


class AdaptiveThrottle:
    def __init__(self, k=2.0, window_s=120.0, rand=random.random, clock=time.monotonic):
        self.k = k
        self.window_s = window_s
        self.rand = rand
        self.clock = clock
        self.history = collections.deque()  # (time, accepted) of every attempt, local rejections included

    def rejection_probability(self):
        horizon = self.clock() - self.window_s
        while self.history and self.history[0][0] < horizon:
            self.history.popleft()
        requests = len(self.history)
        accepts = sum(1 for _, accepted in self.history if accepted)
        return max(0.0, (requests - self.k * accepts) / (requests + 1))

    def call(self, fn):
        probability = self.rejection_probability()
        entry = [self.clock(), False]
        # "requests" counts what the application attempted, sent or not: that
        # is what makes the probability rise while the backend keeps refusing.
        self.history.append(entry)
        if self.rand() < probability:
            raise ThrottledLocally()
        try:
            result = fn()
        except Overloaded:
            raise
        except Exception:
            entry[1] = True  # the backend answered (even with an error): it had capacity
            raise
        entry[1] = True
        return result


def decide(tenant, fault):
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
        if error.code in (429, 503):
            raise Overloaded() from None
        raise


def main():
    seed = os.environ.get("SEED")
    throttle = AdaptiveThrottle(rand=random.Random(seed).random if seed else random.random)
    # c-gateway itself allows 50 decisions a minute per tenant: a tenant per
    # phase (and per run) keeps that limit out of this demo.
    run_id = uuid.uuid4().hex[:8]
    # The playground refuses every call of the middle phase on purpose; a real gateway ignores the header.
    phases = [("healthy", None, 20), ("overloaded", "error=1;code=resource_exhausted", 60), ("recovered", None, 40)]
    for phase, fault, count in phases:
        tenant = f"{os.environ.get('BEAMLINE_TENANT', 'demo')}-{run_id}-{phase}"
        sent = rejected = accepted = 0
        for _ in range(count):
            try:
                throttle.call(lambda: decide(tenant, fault))
                sent += 1
                accepted += 1
            except ThrottledLocally:
                rejected += 1
            except Overloaded:
                sent += 1
        print(
            f"{phase}: {count} requests, {sent} sent, {rejected} rejected locally, {accepted} accepted; "
            f"rejection probability now {throttle.rejection_probability():.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
