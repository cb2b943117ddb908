"""Telling a person something from any app. The notifications themselves (kept on the
site, sent by email as each person chose) belong to participation; an app below it,
such as monitoring, calls `notify` here and participation plugs its sender in when
it is ready, so that no domain app imports another."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Sender = Callable[..., object]
_senders: list[Sender] = []


def register(sender: Sender) -> None:
    """`sender(users=…, municipality=…, message=…, url=…)`; registered once per process."""
    if sender not in _senders:
        _senders.append(sender)


def notify(*, users: Iterable, municipality, message: Callable, url: str = "") -> None:
    """`message(user)` gives the text in that person's language. Call inside a transaction."""
    users = list(users)
    for sender in _senders:
        sender(users=users, municipality=municipality, message=message, url=url)
