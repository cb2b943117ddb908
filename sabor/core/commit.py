"""Work that follows a transaction's commit once, however many of its changes ask for it."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.db import transaction


def on_commit_once(key: Hashable, callback: Callable[[], None]) -> None:
    """Runs `callback` after the current transaction commits — once per `key` however
    often it is asked for (loading a plan or importing a sign-in list asks hundreds of
    times). The first callback to run does the work; a rolled-back transaction leaves
    its token behind for the next one to use."""
    connection = transaction.get_connection()
    tokens = connection.__dict__.setdefault("sabor_commit_tokens", {})
    token = tokens.setdefault(key, object())

    def run() -> None:
        if tokens.get(key) is not token:
            return  # another callback of this transaction has done it
        del tokens[key]
        callback()

    transaction.on_commit(run)
