"""Every entry of the audit log reads in words: the whole demo, as the log shows it in Bulgarian."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from sabor.core.audit import ACTIONS, readable_changes
from sabor.core.models import AuditEntry

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[а-яА-Я]")
CODE = re.compile(r"^[a-z][a-z_]*$")  # how a stored choice looks: "submitted", "civil_society"


def test_every_change_of_the_demo_reads_in_bulgarian():
    call_command("load_demo", "--host", "lyaskovets.test", "--quiet-logins", "--force", "--skip-reports")
    entries = list(AuditEntry.objects.select_related("content_type"))
    assert len({entry.action for entry in entries}) >= 30  # the demo goes through most services
    unreadable = set()
    with translation.override("bg"):
        for entry in entries:
            assert entry.action in ACTIONS
            model = entry.content_type.model_class() if entry.content_type else None
            for label, old, new in readable_changes(entry.changes or {}, model):
                if not CYRILLIC.search(label):
                    unreadable.add(f"{entry.action}: the key {label!r}")
                for value in (old, new):
                    if CODE.match(value) and value not in ("en", "bg"):
                        unreadable.add(f"{entry.action}: {label} = {value!r}")
    assert not unreadable, "\n".join(sorted(unreadable))
