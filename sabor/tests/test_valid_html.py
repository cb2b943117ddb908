"""Markup the W3C HTML checker refused: the browser suite runs the checker itself
(e2e/test_html_checker.py and every audited page); these pin each fix down without Java."""

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.templatetags.sabor import machine_datetime

pytestmark = pytest.mark.django_db


def test_time_datetime_is_a_valid_html_date_time_without_microseconds():
    sofia = timezone(timedelta(hours=2))
    assert machine_datetime(datetime(2026, 3, 1, 9, 5, 7, 887804, tzinfo=sofia)) == "2026-03-01T07:05:07Z"
    assert machine_datetime(datetime(2026, 3, 1, 9, 5, 7, 1, tzinfo=UTC)) == "2026-03-01T09:05:07Z"
    assert machine_datetime(date(2026, 3, 1)) == "2026-03-01"
    assert machine_datetime(None) == ""


def test_the_audit_log_writes_its_times_to_the_second(client_for, municipality):
    administrator = testing.make_member(municipality, Role.ADMINISTRATOR)
    client = client_for("alpha.test", administrator)
    client.post("/office/municipality/", {"name": municipality.name, "primary_colour": "#1f4e79",
                                          "accent_colour": "#6b4400", "description": "Ново"})
    times = re.findall(r'<time datetime="([^"]*)"', client.get("/office/audit/").content.decode())
    assert times and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value) for value in times)


def test_colour_pickers_carry_no_maxlength_or_required(client_for, municipality):
    administrator = testing.make_member(municipality, Role.ADMINISTRATOR)
    html = client_for("alpha.test", administrator).get("/office/municipality/").content.decode()
    pickers = re.findall(r'<input type="color"[^>]*>', html)
    assert len(pickers) == 2
    assert not any("maxlength" in picker or "required" in picker for picker in pickers)


def test_every_sign_up_error_is_in_bulgarian(client_for, municipality):
    testing.make_user("taken@example.org")
    for data in ({"email": "taken@example.org", "display_name": "А", "password1": "taken@example.org",
                  "password2": "taken@example.org"},
                 {"email": "", "display_name": "", "password1": "123", "password2": "1234"},
                 {"email": "x@example.org", "display_name": "А", "password1": "password", "password2": "password"}):
        html = client_for("alpha.test").post("/accounts/signup/", data).content.decode()
        errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S)
        assert errors
        for error in re.findall(r"<li>(.*?)</li>", "".join(errors)):
            assert re.search(r"[а-яА-Я]", error) and not re.search(r"\b(password|This|must)\b", error), error
    html = client_for("alpha.test").post("/accounts/signup/", {"password1": "123", "password2": "123"}).content
    assert "Паролата е твърде кратка. Трябва да съдържа поне 10 знака." in html.decode()
