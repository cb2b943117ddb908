"""Whole pages cached for anonymous visitors, exact to the last change.

Most visitors of the busiest public pages (the idea list, an idea, a forum) are not
signed in and see the same page. It is rendered once per version of the data behind
it and served from the cache (Redis in production) until the services that change
that data move the version on commit; nobody ever sees a stale count. The
per-visitor parts, the CSRF token of the header's forms and the Content-Security-Policy
nonce, are cut out before storing and put back for each visitor. Signed-in people, requests with messages to show and
anything but a successful GET are rendered as usual.

A page is stored once per combination of the query parameters it reads (its `params`);
every other parameter is taken out of the request before the view sees it, so neither
the key nor the page depends on it, and 2,000 junk query strings add no entry. A page
whose parameters are not the ones its own links make (`?page=99999` shown as the last
page, a free-text search) is rendered but not stored. Besides the data version of its
scope, every page depends on its municipality's version (name, colours, coat of arms,
texts: `municipality_changed`) and on one site-wide version (`clear`, e.g. after an
account is erased)."""

from __future__ import annotations

import hashlib
import re
import uuid
from functools import wraps
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from sabor.core.commit import on_commit_once

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
PLACEHOLDER = b'name="csrfmiddlewaretoken" value="\x00csrf\x00"'
# The Content-Security-Policy nonce is per response too: a stored one would not match
# the next visitor's header, and their browser would refuse the page's inline style.
NONCE = re.compile(rb' nonce="[^"]*"')
NONCE_PLACEHOLDER = b' nonce="\x00nonce\x00"'


def _key(scope: str) -> str:
    return f"sabor:version:{scope}"


def versions(*scopes: str) -> list[str]:
    """The current versions of the data named by `scopes` (e.g. one municipality's ideas), in one round trip."""
    found = cache.get_many([_key(scope) for scope in scopes])
    result = []
    for scope in scopes:
        current = found.get(_key(scope))
        if current is None:
            current = uuid.uuid4().hex
            if not cache.add(_key(scope), current, None):
                current = cache.get(_key(scope)) or current
        result.append(current)
    return result


def version(scope: str) -> str:
    return versions(scope)[0]


def changed(scope: str) -> None:
    """Moves the version on once the transaction commits (once, however many changes it
    made), so pages cached before are never served again and none is cached from data
    that may still roll back."""
    on_commit_once(("page", scope), lambda: cache.set(_key(scope), uuid.uuid4().hex, None))


def _purge() -> None:
    """Deletes every cached page. Keys are listed the way the two caches Sabor configures
    allow (Redis: SCAN; local memory: its dictionary)."""
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


def _municipality_scope(municipality_id) -> str:
    return f"municipality:{municipality_id}"


def municipality_changed(municipality) -> None:
    """Every cached page of `municipality` is stale: its name, colours, coat of arms or texts changed."""
    changed(_municipality_scope(municipality.pk))


def clear() -> None:
    """Every cached page of every municipality goes once the transaction commits (e.g. a person's
    name is gone from them all). They are deleted, not versioned out: an old version would keep
    the name in the cache until it expires."""
    on_commit_once(("page", "clear"), _purge)


def canonical(request, **values) -> None:
    """Called by a view with the values of its `params` as its own links would write them
    (None or "" for a parameter left out); a request that asked for anything else is
    answered but not stored."""
    request._pagecache_canonical = {name: str(value) for name, value in values.items() if value not in (None, "")}


def for_anonymous(scope, timeout: int = 600, params: tuple[str, ...] = (), uncached: tuple[str, ...] = ()):
    """Caches the view's page for anonymous visitors; `scope(request, **kwargs)` names the
    data it shows. `timeout` bounds what depends on the clock (registration windows).
    `params` are the query parameters the view reads and the key depends on; a request
    with any of `uncached` (free text, e.g. a search) is answered afresh and not stored."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated or len(get_messages(request)):
                return view(request, *args, **kwargs)
            kept = {name: request.GET.get(name) for name in (*params, *uncached) if request.GET.get(name)}
            # The view and its template (get_full_path) can neither depend on nor echo anything else.
            request.META["QUERY_STRING"] = urlencode(kept)
            request.GET = QueryDict(request.META["QUERY_STRING"])
            if any(name in kept for name in uncached):
                return view(request, *args, **kwargs)
            name = scope(request, *args, **kwargs)
            current = versions(_municipality_scope(request.municipality.pk if request.municipality else 0), name)
            fingerprint = hashlib.sha256(
                f"{name}|{'|'.join(current)}|{get_language()}|{request.path}|{sorted(kept.items())}".encode()
            ).hexdigest()
            key = f"sabor:page:{fingerprint}"
            cached = cache.get(key)
            if cached is not None:
                content_type, body = cached
                token = f'name="csrfmiddlewaretoken" value="{get_token(request)}"'.encode()
                body = body.replace(PLACEHOLDER, token)
                if NONCE_PLACEHOLDER in body:
                    body = body.replace(NONCE_PLACEHOLDER, f' nonce="{request.csp_nonce}"'.encode())
                return HttpResponse(body, content_type=content_type)
            response = view(request, *args, **kwargs)
            expected = getattr(request, "_pagecache_canonical", kept)
            if response.status_code == 200 and not response.streaming and not response.cookies and \
                    expected == kept:
                body = NONCE.sub(NONCE_PLACEHOLDER, TOKEN.sub(PLACEHOLDER, response.content))
                cache.set(key, (response["Content-Type"], body), timeout)
            return response

        return wrapped

    return decorator
