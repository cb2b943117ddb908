"""The client's address behind the reverse proxy: taken from X-Forwarded-For only when the
request came from a trusted proxy, and then the right-most hop that is not a proxy."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from sabor.accounts import testing
from sabor.core.clientip import client_ip
from sabor.env import env_networks


def _ip(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.SABOR_TRUSTED_PROXIES = []
    assert _ip("127.0.0.1", "203.0.113.5") == "127.0.0.1"


def test_behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_hop(settings):
    settings.SABOR_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert _ip("127.0.0.1", "203.0.113.5") == "203.0.113.5"
    # What the client wrote itself (left) is not believed; nginx appended the real address.
    assert _ip("127.0.0.1", "1.2.3.4, 203.0.113.5") == "203.0.113.5"
    # A second proxy inside the trusted network is skipped.
    assert _ip("127.0.0.1", "198.51.100.7, 10.1.2.3") == "198.51.100.7"
    assert _ip("127.0.0.1", "::ffff:198.51.100.7") == "198.51.100.7"


def test_a_spoofed_header_from_an_untrusted_address_is_ignored(settings):
    settings.SABOR_TRUSTED_PROXIES = ["127.0.0.1"]
    assert _ip("198.51.100.9", "127.0.0.1, 203.0.113.5") == "198.51.100.9"


def test_hostile_headers_fall_back_to_the_last_believable_hop(settings):
    settings.SABOR_TRUSTED_PROXIES = ["127.0.0.1"]
    for hostile in ["", "not-an-address", "\x00", "203.0.113.5, ²", "9" * 5000, ",,,"]:
        assert _ip("127.0.0.1", hostile) == "127.0.0.1", hostile
    assert _ip("127.0.0.1", "junk, 203.0.113.5") == "203.0.113.5"


def test_a_bad_proxy_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("SABOR_TRUSTED_PROXIES", "127.0.0.1, nginx.local")
    with pytest.raises(ImproperlyConfigured, match="SABOR_TRUSTED_PROXIES"):
        env_networks("SABOR_TRUSTED_PROXIES", [])
    monkeypatch.setenv("SABOR_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, ::1")
    assert env_networks("SABOR_TRUSTED_PROXIES", []) == ["127.0.0.1", "10.0.0.0/8", "::1"]


@pytest.mark.django_db
def test_failed_logins_behind_the_proxy_lock_out_only_their_own_client(settings, anon, municipality):
    """Ten failed logins (allauth: 10 a minute per address) from one person behind nginx do
    not stop another person behind the same nginx from signing in."""
    settings.SABOR_TRUSTED_PROXIES = ["127.0.0.1"]
    anon.cookies["django_language"] = "en"
    testing.make_user("someone@example.org")
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for attempt in range(10):
        response = anon.post("/accounts/login/", {"login": f"guess{attempt}@example.org", "password": "x"}, **attacker)
        assert response.status_code == 400
    response = anon.post("/accounts/login/", {"login": "someone@example.org", "password": testing.PASSWORD},
                         **attacker)
    assert "Too many failed login attempts" in str(response.context["form"].errors)

    neighbour = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    response = anon.post("/accounts/login/", {"login": "someone@example.org", "password": testing.PASSWORD},
                         **neighbour)
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_forged_header_does_not_escape_the_limit(settings, anon, municipality):
    settings.SABOR_TRUSTED_PROXIES = ["127.0.0.1"]
    anon.cookies["django_language"] = "en"
    testing.make_user("someone@example.org")
    for attempt in range(10):
        anon.post("/accounts/login/", {"login": f"guess{attempt}@example.org", "password": "x"},
                  REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
    response = anon.post("/accounts/login/", {"login": "someone@example.org", "password": testing.PASSWORD},
                         REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert "Too many failed login attempts" in str(response.context["form"].errors)
