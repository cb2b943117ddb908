from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.reminders import data_due
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def responsible(municipality):
    clerk = testing.make_member(municipality, Role.STAFF)
    clerk.preferred_language = "bg"
    clerk.save()
    plan = make_plan(municipality)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    make_indicator(municipality, node, code="П1", responsible=clerk)
    done = make_indicator(municipality, node, code="П2", responsible=clerk)
    verified(done, 2024, 10, entered_by=clerk, verified_by=testing.make_member(municipality, Role.ME_OFFICER))
    return clerk


def test_values_of_2024_are_due_45_days_before_31_march_2025(municipality):
    assert data_due(municipality, 2024) == date(2025, 2, 14)


def test_the_responsible_person_is_reminded_of_what_is_missing(municipality, responsible,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2025-02-07")  # 7 days before the due date
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [responsible.email]
    assert "П1" in message.body and "П2" not in message.body  # П2 already has a verified value
    assert "14.02.2025" in message.body


def test_no_reminder_on_other_days_or_twice_a_day(municipality, responsible, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2025-02-06")
        assert len(mail.outbox) == 0
        call_command("send_reminders", "--today", "2025-02-13")
        call_command("send_reminders", "--today", "2025-02-13")
    assert len(mail.outbox) == 1
