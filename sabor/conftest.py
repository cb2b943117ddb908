import uuid

import pytest
from django.test import Client

from sabor.accounts import testing
from sabor.accounts.models import Role


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """A fresh cache namespace per test: rate limits and one-time codes start clean."""
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    for config in caches.values():
        config["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture
def municipality(db):
    return testing.make_municipality("alpha", host="alpha.test")


@pytest.fixture
def other_municipality(db):
    return testing.make_municipality("beta", host="beta.test")


def _client_for(host: str, user=None) -> Client:
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


@pytest.fixture
def client_for():
    return _client_for


@pytest.fixture
def anon(municipality):
    return _client_for("alpha.test")


@pytest.fixture
def resident(municipality):
    return testing.make_member(municipality, Role.RESIDENT)


@pytest.fixture
def staff(municipality):
    return testing.make_member(municipality, Role.STAFF, group="administration")


@pytest.fixture
def administrator(municipality):
    return testing.make_member(municipality, Role.ADMINISTRATOR, group="administration")


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"sabor: database {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']}), cache {cache}"


@pytest.fixture
def personas(municipality, other_municipality):
    """A person of every persona of the role matrices (accounts.testing.personas)."""
    return testing.personas(municipality, other_municipality)
