"""The example app's writes and its personal-data steps (it keeps what it knows in memory)."""

from sabor.core import audit

GREETED: dict[int, str] = {}


def greet(*, actor, municipality) -> None:
    GREETED[actor.pk] = actor.email
    audit.record(actor=actor, action="example.greeted", obj=municipality, municipality=municipality)


def export(user) -> dict:
    return {"greeted_as": GREETED.get(user.pk)}


def erase(user) -> None:
    GREETED.pop(user.pk, None)
