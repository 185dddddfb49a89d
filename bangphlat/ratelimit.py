"""Fixed-window counters in the cache, for requests that must not be repeated endlessly
(password reset e-mails). One cache key per purpose and subject; the window starts at the
first hit. With the per-process cache (no REDIS_URL) each gunicorn worker counts apart, so
the effective limit is the limit times the workers: set REDIS_URL in production (README)."""

from django.core.cache import cache


def allow(purpose: str, subject: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more hit; False once more than ``limit`` hits fell in the window."""
    key = f"ratelimit:{purpose}:{subject}"
    if cache.add(key, 1, timeout=window_seconds):
        return limit >= 1
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        hits = 1
    return hits <= limit
