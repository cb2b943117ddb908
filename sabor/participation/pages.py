"""The public participation pages that anonymous visitors get from the cache, and the
one version that every change of participation data in a municipality moves on."""

from __future__ import annotations

from sabor.core import pagecache


def _scope(municipality_id: int) -> str:
    return f"participation:{municipality_id}"


def changed(municipality) -> None:
    """Call from every service that changes what the participation pages show."""
    pagecache.changed(_scope(municipality.pk))


def cached(timeout: int = 600, params: tuple[str, ...] = (), uncached: tuple[str, ...] = ()):
    return pagecache.for_anonymous(lambda request, *args, **kwargs: _scope(request.municipality.pk), timeout,
                                   params=params, uncached=uncached)
