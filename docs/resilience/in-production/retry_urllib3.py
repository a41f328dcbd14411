import random

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class FullJitterRetry(Retry):
    """The snippet's full jitter: before retry n, a random wait between 0 and
    min(cap, backoff_factor * 2**(n-1)). urllib3's own backoff retries the first
    time at once and adds its jitter on top of the exponential wait instead."""

    cap = 2.0  # seconds: no single wait is longer

    def get_backoff_time(self):
        retries = len(self.history)
        if retries == 0:
            return 0
        return random.uniform(0, min(self.cap, self.backoff_factor * 2 ** (retries - 1)))


retry = FullJitterRetry(
    total=5,  # counts retries: 6 attempts, as in the snippet
    backoff_factor=0.1,
    status_forcelist=[429, 503],
    allowed_methods=None,  # POST too: asking for a routing decision again is safe
    respect_retry_after_header=True,  # a Retry-After on 429 or 503 replaces the backoff
)


def router_session():
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session
