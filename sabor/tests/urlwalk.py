"""Every URL pattern of the project, for the tests that walk the whole site."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def every_pattern(resolver=None, prefix: str = "", namespace: str | None = None
                  ) -> Iterator[tuple[str | None, URLPattern, str]]:
    """(namespace, pattern, route) of every URL pattern, its route written out in full."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_pattern(entry, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix + str(entry.pattern)
