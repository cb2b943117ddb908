"""Limits on how often one person may do something (submit, comment, support,
register): a counter per person, action and time window in the cache (Redis in
production, so every app process shares it)."""

from __future__ import annotations

import time

from django.core.cache import cache

# action -> (how many, per seconds)
LIMITS = {
    "idea": (5, 3600),
    "comment": (20, 600),
    "support": (60, 60),
    "registration": (10, 600),
    "report": (10, 3600),
    "application": (10, 3600),
}


def allow(action: str, who) -> bool:
    """Counts one `action` by `who` (a user's id, or for someone not signed in the address
    from core.clientip.client_ip, never REMOTE_ADDR, which is the proxy's); False once past the limit."""
    limit, seconds = LIMITS[action]
    key = f"sabor:rate:{action}:{who}:{int(time.time() // seconds)}"
    if cache.add(key, 1, seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, seconds + 5)
        return True
    return count <= limit
