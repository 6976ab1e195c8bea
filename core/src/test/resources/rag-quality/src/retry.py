"""Retry helpers for calls to flaky services."""

import random
import time


def retry_fixed(fn, attempts=3, delay=1.0):
    """Call fn until it succeeds, waiting the same delay between attempts."""
    for attempt in range(attempts):
        try:
            return fn()
        except Exception:
            if attempt == attempts - 1:
                raise
            time.sleep(delay)


def retry_with_backoff(fn, attempts=5, base_delay=0.2, max_delay=10.0):
    """Call fn until it succeeds; the wait doubles after every failure, with full jitter."""
    for attempt in range(attempts):
        try:
            return fn()
        except Exception:
            if attempt == attempts - 1:
                raise
            ceiling = min(max_delay, base_delay * (2 ** attempt))
            time.sleep(random.uniform(0, ceiling))


class CircuitBreaker:
    """Stops calling a dependency after repeated failures and lets a probe through later."""

    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self.clock = clock
        self.failures = 0
        self.opened_at = None

    def call(self, fn):
        if self.opened_at is not None:
            if self.clock() - self.opened_at < self.reset_timeout:
                raise RuntimeError("circuit open")
            self.opened_at = None  # half-open: let one call through
        try:
            result = fn()
        except Exception:
            self.failures += 1
            if self.failures >= self.failure_threshold:
                self.opened_at = self.clock()
            raise
        self.failures = 0
        return result
