import pytest
from django.core.exceptions import ImproperlyConfigured

from sabor.env import env_bool, env_choice, env_int, env_list, env_str


def test_it_reads_booleans_in_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False), ("", False)]:
        monkeypatch.setenv("SABOR_FLAG", raw)
        assert env_bool("SABOR_FLAG", default=not expected) is expected


def test_it_fails_loudly_on_a_bad_boolean(monkeypatch):
    monkeypatch.setenv("SABOR_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SABOR_FLAG"):
        env_bool("SABOR_FLAG", default=False)


def test_it_fails_loudly_on_a_bad_number(monkeypatch):
    monkeypatch.setenv("SABOR_NUMBER", "12a")
    with pytest.raises(ImproperlyConfigured, match="SABOR_NUMBER"):
        env_int("SABOR_NUMBER", default=1)


def test_it_requires_a_value_without_default(monkeypatch):
    monkeypatch.delenv("SABOR_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SABOR_REQUIRED"):
        env_str("SABOR_REQUIRED")


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("SABOR_HOSTS", "a.bg, b.bg,,")
    assert env_list("SABOR_HOSTS", default=[]) == ["a.bg", "b.bg"]


def test_it_refuses_a_choice_outside_the_allowed(monkeypatch):
    monkeypatch.setenv("SABOR_LANG", "de")
    with pytest.raises(ImproperlyConfigured, match="bg, en"):
        env_choice("SABOR_LANG", "bg", ["bg", "en"])


def test_uses_defaults_when_unset(monkeypatch):
    monkeypatch.delenv("SABOR_UNSET", raising=False)
    assert env_int("SABOR_UNSET", 7) == 7
    assert env_bool("SABOR_UNSET", True) is True
    assert env_list("SABOR_UNSET", ["x"]) == ["x"]
