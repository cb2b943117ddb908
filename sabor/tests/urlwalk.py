"""Every URL pattern of the project and every app's URL fillers, for the tests that walk the whole site."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sabor.accounts import testing
from sabor.accounts.models import STAFF_ROLES, Role
from sabor.core import registry


def every_pattern(resolver=None, prefix: str = "", namespace: str | None = None
                  ) -> Iterator[tuple[str | None, URLPattern, str]]:
    """(namespace, pattern, route) of every URL pattern, its route written out in full."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from every_pattern(entry, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix + str(entry.pattern)


class Fillers:
    """Each app's URL fillers (sabor.core.registry.add_url_fillers): `town()` builds one of every
    object of every app in a municipality, with an administrator and a resident; `path()` fills
    a URL with a town's objects."""

    def __init__(self):
        self.modules = [import_module(path) for path in registry.url_fillers().values()]
        self.fill, self.owner_only, self.not_tenant_data = {}, set(), {}
        for module in self.modules:
            assert not set(module.FILL) & set(self.fill), f"{module.__name__} fills a URL another app fills"
            self.fill.update(module.FILL)
            self.owner_only |= set(getattr(module, "OWNER_ONLY", ()))
            self.not_tenant_data.update(getattr(module, "NOT_TENANT_DATA", {}))

    def town(self, municipality) -> dict:
        people = {"administrator": testing.make_member(municipality, *sorted(STAFF_ROLES | {Role.COUNCILLOR}),
                                                       group="administration"),
                  "resident": testing.make_member(municipality, Role.RESIDENT)}
        objects = {}
        for module in self.modules:
            made = module.objects(municipality, people)
            assert not set(made) & set(objects), f"{module.__name__} names an object another app names"
            objects.update(made)
        return {"people": people, "objects": objects}

    def path(self, name: str, town: dict) -> str:
        return reverse(name, kwargs=self.fill[name](town["objects"]))
