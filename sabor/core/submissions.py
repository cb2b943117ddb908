"""One sending of a form creates one object: the form carries a one-time key (the
signed, random token of core.antibot), and what it creates is saved together with a
row of that key under a unique constraint. A second sending of the same form waits for
the first one's transaction (PostgreSQL holds the key's index entry), then finds the key
taken and creates nothing."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from sabor.core import antibot
from sabor.core.models import Submission

# A form older than core.antibot.MAX_SECONDS is refused as expired before its key is looked
# up, so the key guards nothing any more: it is forgotten (an hour's margin for clocks).
KEPT_FOR = timedelta(seconds=antibot.MAX_SECONDS) + timedelta(hours=1)


class AlreadySent(Exception):
    """The form was sent before; `url` is where its first sending led."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


@contextmanager
def once(*, key: str):
    """Runs the block for the first sending of the form with `key` only, in one
    transaction with the key's record, which it yields (`record.url` is to be set to
    what the block created); raises AlreadySent for every later sending."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = Submission.objects.create(key=digest)
        except IntegrityError:
            raise AlreadySent(Submission.objects.filter(key=digest).values_list("url", flat=True).first() or "") \
                from None
        yield record
        if record.url:
            record.save(update_fields=["url"])
        Submission.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
