#!/usr/bin/env python3
"""Calls the Beamline Router over HTTP through c-gateway, then follows the tenant's message stream.

    BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server's copy of it)
    BEAMLINE_TENANT    tenant to route for (default demo)
    BEAMLINE_TOKEN     sent as "Authorization: Bearer …" when set (gateways with GATEWAY_AUTH_REQUIRED=true)
    BEAMLINE_FAULT     optional x-beamline-fault header, for the playground only (e.g. "error=1;code=unavailable")
    BEAMLINE_SESSION   optional x-beamline-session header (the playground's "ratelimit=N/s" fault needs one)

Exit status: 0 when the decision and the streamed event both arrived, 1 otherwise.
"""
import json
import os
import queue
import sys
import threading
import uuid

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

BASE_URL = os.environ.get("BEAMLINE_HTTP_URL", "http://localhost:3000").rstrip("/")
TENANT = os.environ.get("BEAMLINE_TENANT", "demo")
# (connect, read) in seconds: a stuck gateway must not hang the caller.
TIMEOUT = (3.05, 10)


def make_session():
    """One pooled session for the life of the process, retrying what a retry can fix.

    429 and 503 are retried; urllib3 waits the Retry-After the gateway sends
    (it is exact for 429), and otherwise backs off exponentially. POST is not
    retried by default because it may not be idempotent: a decision is,
    since the request_id stays the same across retries.
    """
    retry = Retry(
        total=3,
        connect=3,
        read=0,  # a request the gateway may have processed is not resent blindly
        status_forcelist=(429, 503),
        allowed_methods=frozenset({"GET", "POST"}),
        backoff_factor=0.2,  # 0.2 s, 0.4 s, 0.8 s …
        respect_retry_after_header=True,
        raise_on_status=False,  # hand the last answer back; its JSON says what went wrong
    )
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=16))
    session.mount("https://", HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=16))
    session.headers["X-Tenant-ID"] = TENANT
    if os.environ.get("BEAMLINE_TOKEN"):
        session.headers["Authorization"] = f"Bearer {os.environ['BEAMLINE_TOKEN']}"
    for env, header in (("BEAMLINE_FAULT", "x-beamline-fault"), ("BEAMLINE_SESSION", "x-beamline-session")):
        if os.environ.get(env):
            session.headers[header] = os.environ[env]
    return session


def post(session, path, request_id, text):
    body = {
        "version": "1",
        "tenant_id": TENANT,
        "request_id": request_id,
        "task": {"type": "chat", "payload": {"text": text}},
        "context": {"tier": "standard"},
    }
    response = session.post(BASE_URL + path, json=body, timeout=TIMEOUT, headers={"X-Trace-ID": uuid.uuid4().hex})
    # Every retry urllib3 made, for the log: (method, url, error, status, redirect).
    for attempt, earlier in enumerate(response.raw.retries.history, start=1):
        print(f"attempt {attempt}: {earlier.status or earlier.error}; retried", flush=True)
    return response


def follow_stream(session, events, ready):
    """Reads the tenant's Server-Sent Events and puts each (event, data) on `events`."""
    url = f"{BASE_URL}/api/v1/messages/stream"
    # No read timeout on a stream that may be quiet for a while; keep-alive comments arrive every 15 s.
    with session.get(url, params={"tenant_id": TENANT}, stream=True, timeout=(3.05, None)) as response:
        response.raise_for_status()
        ready.set()
        event = "message"
        for line in response.iter_lines(decode_unicode=True):
            if line.startswith("event:"):
                event = line[len("event:"):].strip()
            elif line.startswith("data:"):
                events.put((event, json.loads(line[len("data:"):].strip())))
                event = "message"
            # ":" lines are comments (connected, keep-alive); blank lines end an event.


def show_failure(response):
    error = response.json()["error"]
    print(f"failed: HTTP {response.status_code} {error['code']}: {error['message']}", flush=True)


def main():
    session = make_session()
    try:
        decided = post(session, "/api/v1/routes/decide", f"req-{uuid.uuid4()}", "hello")
        if decided.status_code != 200:
            show_failure(decided)
            return 1
        decision = decided.json()["decision"]
        print(
            f"decision provider={decision['provider_id']} priority={decision['priority']} "
            f"reason={decision['reason']} expected_latency_ms={decision['expected_latency_ms']}",
            flush=True,
        )

        # Streaming: subscribe first, then publish, so the event cannot be missed.
        events, ready = queue.Queue(), threading.Event()
        threading.Thread(target=follow_stream, args=(session, events, ready), daemon=True).start()
        if not ready.wait(timeout=5):
            print("failed: the message stream did not open", flush=True)
            return 1
        request_id = f"msg-{uuid.uuid4()}"
        published = post(session, "/api/v1/messages", request_id, "streamed hello")
        if published.status_code != 200:
            show_failure(published)
            return 1
        try:
            while True:
                event, data = events.get(timeout=5)
                if data.get("request_id") == request_id:
                    print(f"stream: {event} request_id={request_id} provider={data['decision']['provider_id']}", flush=True)
                    return 0
        except queue.Empty:
            print("failed: no event for the published message within 5 s", flush=True)
            return 1
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(main())
