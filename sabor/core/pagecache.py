"""Whole pages cached for anonymous visitors, exact to the last change.

Most visitors of the busiest public pages (the idea list, an idea, a forum) are not
signed in and see the same page. It is rendered once per version of the data behind
it and served from the cache (Redis in production) until the services that change
that data move the version on commit; nobody ever sees a stale count. The one
per-visitor part, the CSRF token of the header's forms, is cut out before storing and
put back for each visitor. Signed-in people, requests with messages to show and
anything but a successful GET are rendered as usual."""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from sabor.core.commit import on_commit_once

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
PLACEHOLDER = b'name="csrfmiddlewaretoken" value="\x00csrf\x00"'


def version(scope: str) -> str:
    """The current version of the data named by `scope` (e.g. one municipality's ideas)."""
    key = f"sabor:version:{scope}"
    current = cache.get(key)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(key, current, None):
            current = cache.get(key) or current
    return current


def changed(scope: str) -> None:
    """Moves the version on once the transaction commits (once, however many changes it
    made), so pages cached before are never served again and none is cached from data
    that may still roll back."""
    on_commit_once(("page", scope), lambda: cache.set(f"sabor:version:{scope}", uuid.uuid4().hex, None))


def purge() -> None:
    """Deletes every cached page now rather than leaving the old versions to expire: after an
    account is erased, its name must be gone from the cache too. Keys are listed the way the
    two caches Sabor configures allow (Redis: SCAN; local memory: its dictionary)."""
    pattern = cache.make_key("sabor:page:")
    store = cache._cache  # noqa: SLF001 - no public API lists a cache's keys
    if isinstance(store, dict):
        for key in [key for key in list(store) if key.startswith(pattern)]:
            with cache._lock:  # noqa: SLF001
                cache._delete(key)  # noqa: SLF001 - the key is already made
        return
    client = store.get_client(write=True)
    for keys in _batched(client.scan_iter(match=f"{pattern}*", count=1000), 500):
        client.delete(*keys)


def _batched(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def for_anonymous(scope, timeout: int = 600):
    """Caches the view's page for anonymous visitors; `scope(request, **kwargs)` names the
    data it shows. `timeout` bounds what depends on the clock (registration windows)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)):
                return view(request, *args, **kwargs)
            name = scope(request, *args, **kwargs)
            fingerprint = hashlib.sha256(
                f"{name}|{version(name)}|{get_language()}|{request.get_full_path()}".encode()).hexdigest()
            key = f"sabor:page:{fingerprint}"
            cached = cache.get(key)
            if cached is not None:
                content_type, body = cached
                token = f'name="csrfmiddlewaretoken" value="{get_token(request)}"'.encode()
                return HttpResponse(body.replace(PLACEHOLDER, token), content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (response["Content-Type"], TOKEN.sub(PLACEHOLDER, response.content)), timeout)
            return response

        return wrapped

    return decorator
