"""The import preview runs the checks the import runs: a row the import would refuse is
reported on its row in the preview, not by a failing confirmation."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.monitoring import services
from sabor.monitoring.models import Measurement, Target
from sabor.monitoring.testing import make_indicator, make_plan, raises_code
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(municipality):
    plan = make_plan(municipality)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    make_indicator(municipality, node, code="П1", unit="брой", direction="increase", baseline_value=Decimal(402))
    make_indicator(municipality, node, code="П9", unit="души", direction="increase", baseline_value=Decimal(0),
                   allows_negative=True, name="Механичен прираст")
    return testing.make_member(municipality, Role.STAFF)


def _csv(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return SimpleUploadedFile("values.csv", buffer.getvalue().encode(), content_type="text/csv")


def _errors_by_row(response) -> dict[int, list[str]]:
    return {row.number: row.errors for row in response.context["preview"].rows if row.errors}


HOSTILE = [["code", "year", "value"], ["П1", "2021", "1e309"], ["П1", "2022", "nan"], ["П1", "2023", "inf"],
           ["П1", "2024", "-5"], ["П1", "2025", "123456789012345"], ["П1", "2026", "1,23456"],
           ["П9", "2024", "-40"], ["П1", "2027", "430"]]


@pytest.mark.parametrize("kind", ["measurements", "targets"])
def test_values_the_import_would_refuse_are_reported_on_their_rows(client_for, clerk, kind):
    client = client_for("alpha.test", clerk)
    entries, targets = AuditEntry.objects.count(), set(Target.objects.values_list("pk", "value"))
    response = client.post("/office/import/", {"kind": kind, "file": _csv(HOSTILE)})
    assert response.status_code == 400
    errors = _errors_by_row(response)
    assert set(errors) == {2, 3, 4, 5, 6, 7}, errors  # a negative value of П9 (a balance) and 430 are fine
    assert any("цифри" in message for message in errors[2] + errors[6])  # too many digits for the database
    assert any("под нулата" in message for message in errors[5])
    body = re.sub(r"\s+", " ", response.content.decode())
    assert '<th scope="row">5</th>' in body
    # The preview's trial saves leave nothing behind, and nothing can be confirmed.
    assert not Measurement.objects.exists() and set(Target.objects.values_list("pk", "value")) == targets
    assert AuditEntry.objects.count() == entries
    client.post("/office/import/", {"action": "confirm"})
    assert not Measurement.objects.exists() and set(Target.objects.values_list("pk", "value")) == targets


def test_the_same_values_are_refused_when_typed_in(clerk):
    indicator = clerk.memberships.first().municipality.indicators.get(code="П1")

    for value, code in (("1e309", "number_too_large"), ("-5", "negative"), ("123456789012345", "number_too_large")):
        with raises_code(code):
            services.save_measurement(actor=clerk, indicator=indicator, period=2024, value=Decimal(value))
        with raises_code(code):
            services.set_target(actor=clerk, indicator=indicator, period=2024, value=Decimal(value))
