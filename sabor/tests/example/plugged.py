"""Run by ``sabor/tests/test_apps_plug_in.py`` under ``sabor.tests.example.settings`` (not collected
otherwise): the example app's menu entry, queue, audit code and personal-data step reach the
shared pages, with no line of core or the portal naming it."""

import json

import pytest
from django.apps import apps

from sabor.accounts import services as accounts
from sabor.accounts.models import Role
from sabor.accounts.testing import make_member
from sabor.core.models import AuditEntry
from sabor.tests.example import services

pytestmark = pytest.mark.django_db


def test_the_example_app_is_installed():
    assert apps.is_installed("sabor.tests.example")


def test_its_menu_entry_and_queue_are_in_the_back_office(client_for, municipality):
    staff = make_member(municipality, Role.STAFF)
    client = client_for("alpha.test", staff)
    overview = client.get("/office/").content.decode()
    assert '<a href="/office/example/">Example greetings</a>' in overview
    assert '<li><a href="/office/example/">Greetings to answer</a>: <strong>3</strong></li>' in overview
    page = client.get("/office/example/")
    assert page.status_code == 200 and page.content == b"greetings"


def test_its_menu_entry_is_hidden_from_those_without_the_permission(client_for, municipality):
    resident = make_member(municipality, Role.RESIDENT)
    assert client_for("alpha.test", resident).get("/office/example/").status_code == 403


def test_its_audit_code_is_accepted_and_labelled(client_for, municipality):
    staff = make_member(municipality, Role.STAFF)
    services.greet(actor=staff, municipality=municipality)
    assert AuditEntry.objects.get(action="example.greeted").actor == staff
    administrator = make_member(municipality, Role.ADMINISTRATOR)
    log = client_for("alpha.test", administrator).get("/office/audit/").content.decode()
    assert "Greeted the example" in log


def test_its_personal_data_is_downloaded_and_erased(client_for, municipality):
    resident = make_member(municipality, Role.RESIDENT)
    services.greet(actor=resident, municipality=municipality)
    download = json.loads(client_for("alpha.test", resident).post("/account/export/").content)
    assert download["example"] == {"greeted_as": resident.email}
    accounts.delete_account(user=resident)
    assert resident.pk not in services.GREETED
