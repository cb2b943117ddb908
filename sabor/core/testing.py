"""Builders for tests of any app. Text fields carry markup so that every test that renders
them also checks escaping (a <script> that reaches a page unescaped fails it). People, roles,
settlements and organisations are built by sabor.accounts.testing, which re-exports these."""

from __future__ import annotations

import itertools
from contextlib import contextmanager

from django.core.exceptions import ValidationError

from sabor.core.models import Municipality, MunicipalityDomain

XSS = '<script>alert("x")</script>'
PASSWORD = "correct-horse-battery-staple"
_sequence = itertools.count(1)


def make_municipality(slug: str = "", host: str = "", **fields) -> Municipality:
    n = next(_sequence)
    slug = slug or f"town{n}"
    municipality = Municipality.objects.create(
        slug=slug,
        name=fields.pop("name", f"Община {slug} {XSS}"),
        code=fields.pop("code", f"TST{n % 100:02d}"),
        description=fields.pop("description", f"Описание {XSS}"),
        **fields,
    )
    MunicipalityDomain.objects.create(municipality=municipality, host=host or f"{slug}.test")
    return municipality


def concurrency_test(test):
    """A test that runs many transactions at once against PostgreSQL's row locks and
    constraints. Such tests hold dozens of connections each, so they run one after
    another on one test process (pytest-xdist's --dist loadgroup), never side by side."""
    import pytest
    from django.db import connection

    for mark in (pytest.mark.xdist_group("postgres-concurrency"), pytest.mark.django_db(transaction=True),
                 pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL")):
        test = mark(test)
    return test


def at_once(calls) -> list:
    """Runs every call in its own thread, all released together, each on its own
    database connection; returns what each call returned or raised, in order."""
    import threading
    import time

    from django.db import close_old_connections, connection

    if connection.vendor == "postgresql":
        # The connections of the test before have been closed, but their server processes may
        # still be exiting and counting against max_connections: wait (at most 10 s) until
        # they are gone, so that this test's connections find room.
        with connection.cursor() as cursor:
            for _attempt in range(100):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid()")
                if cursor.fetchone()[0] == 0:
                    break
                time.sleep(0.1)

    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the caller decides what an exception means
            outcomes[index] = error
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


class _Unloadable:
    """An import hook that fails like cairocffi and WeasyPrint do on a machine without
    their shared libraries: with the OSError of a library that cannot be loaded."""

    def __init__(self, packages: tuple[str, ...]):
        self.packages = packages

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.packages:
            raise OSError(f"cannot load library for {name}: error 0x7e (as without its system library)")
        return None


def without_system_libraries(monkeypatch, *packages: str) -> None:
    """As on a server without Cairo (`cairocffi`) or Pango (`weasyprint`): importing those
    packages fails, whether or not this process had loaded them already."""
    import sys

    for name in [name for name in sys.modules if name.split(".")[0] in packages]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_Unloadable(packages), *sys.meta_path])


def error_codes(error: ValidationError) -> set[str]:
    """The machine-readable codes of a ValidationError, whether it names fields or not."""
    lists = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    return {item.code for items in lists for item in items}


@contextmanager
def raises_code(code: str):
    """Like pytest.raises(ValidationError), and the error must carry `code`: a test refused
    for another reason than the one it is about fails."""
    import pytest  # test support only: the site itself never loads pytest

    with pytest.raises(ValidationError) as error:
        yield error
    assert code in error_codes(error.value), error_codes(error.value)


# --- The tenancy walk's fillers (sabor.core.registry.add_url_fillers) -------------------------------

def objects(municipality: Municipality, people: dict) -> dict:
    from django.core.files.base import ContentFile

    from sabor.core import testfiles

    municipality.coat_of_arms.save("arms.png", ContentFile(testfiles.content("png")), save=True)
    return {"municipality": municipality}


FILL = {"core:file": lambda o: {"name": o["municipality"].coat_of_arms.name}}
