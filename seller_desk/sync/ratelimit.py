"""A per-host request rate limit (token bucket), shared by every client in the process."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """``rate`` requests a second on average, bursts of up to ``burst``."""

    def __init__(self, rate: float, burst: int, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate, self.burst = rate, burst
        self._clock, self._sleep = clock, sleep
        self._tokens = float(burst)
        self._stamp = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait for a token; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1:
                self._tokens -= 1
                return 0.0
            wait = (1 - self._tokens) / self.rate
            # The token we wait for is ours: the bucket goes to zero at the end of the wait.
            self._tokens = 0.0
            self._stamp = now + wait
        self._sleep(wait)
        return wait


_BUCKETS: dict[str, TokenBucket] = {}
_BUCKETS_LOCK = threading.Lock()


def bucket_for(host: str, rate: float = 20.0, burst: int = 40) -> TokenBucket:
    """The process-wide bucket of ``host`` (created with ``rate``/``burst`` on first use)."""
    with _BUCKETS_LOCK:
        b = _BUCKETS.get(host)
        if b is None:
            b = _BUCKETS[host] = TokenBucket(rate, burst)
        return b
