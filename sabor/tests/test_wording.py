"""What the pages say: Bulgarian plural forms with numbers, a cancelled registration
called cancelled, a merged idea without "Support", units and audit-log field names in
the page's language."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.templatetags.sabor import hours
from sabor.monitoring import services as monitoring
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.participation.models import Support
from sabor.participation.services import ideas, registrations
from sabor.participation.testing import make_idea, make_meeting
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("\xa0", " ")


def _csv(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return SimpleUploadedFile("list.csv", buffer.getvalue().encode(), content_type="text/csv")


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def indicator(municipality):
    node = planning.add_node(actor=None, plan=make_plan(municipality), parent=None, title="Цел")
    return make_indicator(municipality, node, code="П1", unit="брой", unit_en="units", direction="increase",
                          baseline_value=Decimal(402), targets={2027: 460})


@pytest.mark.parametrize(("rows", "said"), [(1, "записан е 1 ред"), (2, "записани са 2 реда")])
def test_the_import_says_how_many_rows_in_bulgarian(client_for, municipality, indicator, rows, said):
    client = client_for("alpha.test", testing.make_member(municipality, Role.STAFF))
    table = [["code", "year", "value"]] + [["П1", str(2021 + n), "405"] for n in range(rows)]
    assert client.post("/office/import/", {"kind": "measurements", "file": _csv(table)}).status_code == 200
    assert said in _text(client.post("/office/import/", {"action": "confirm"}, follow=True))


@pytest.mark.parametrize(("people", "said"), [(1, "внесен: 1 човек."), (3, "внесен: 3 души.")])
def test_the_sign_in_list_says_how_many_people(client_for, municipality, staff, people, said):
    meeting = make_meeting(municipality, days=1)
    client = client_for("alpha.test", staff)
    url = f"/office/meetings/{meeting.pk}/check-in/"
    table = [["name", "group"]] + [[f"Участник {n}", "жители"] for n in range(people)]
    assert client.post(url, {"action": "preview", "list-file": _csv(table)}).status_code == 200
    assert said in _text(client.post(url, {"action": "confirm"}, follow=True))


@pytest.mark.parametrize(("taken", "said"), [(2, "Места 3 (1 свободно)"), (1, "Места 3 (2 свободни)")])
def test_free_places_agree_with_their_number(client_for, municipality, taken, said):
    meeting = make_meeting(municipality, capacity=3)
    for _n in range(taken):
        registrations.register(actor=testing.make_member(municipality), meeting=meeting,
                               stakeholder_group="residents")
    assert said in _text(client_for("alpha.test").get(f"/meetings/{meeting.pk}/"))


def test_the_home_page_counts_agree_with_their_numbers(client_for, municipality):
    testing.make_settlement(municipality)
    testing.make_organisation(municipality)
    text = _text(client_for("alpha.test").get("/"))
    assert "1 населено място" in text and "1 организация" in text
    assert "1 населени места" not in text and "1 организации" not in text


def test_cancelling_a_registration_says_it_is_cancelled(client_for, municipality, resident):
    meeting = make_meeting(municipality)
    client = client_for("alpha.test", resident)
    assert "Регистрирани сте" in _text(client.post(f"/meetings/{meeting.pk}/register/",
                                                {"stakeholder_group": "residents"}, follow=True))
    page = client.post(f"/meetings/{meeting.pk}/cancel/", follow=True)
    text = _text(page)
    assert "Регистрацията Ви е отказана. Можете да се регистрирате отново." in text
    assert "Регистрирани сте" not in text
    assert f'action="/meetings/{meeting.pk}/register/"' in page.content.decode()


def test_a_merged_idea_offers_no_support_and_the_server_refuses_it(client_for, municipality, resident, staff):
    author = testing.make_member(municipality)
    kept, merged = make_idea(municipality, author, title="Парк"), make_idea(municipality, author, title="Парк 2")
    ideas.answer(actor=staff, idea=merged, status="merged", answer="Обединена с „Парк“", merged_into=kept)
    client = client_for("alpha.test", resident)
    page = client.get(f"/ideas/{merged.pk}/")
    assert "Подкрепете идеята" not in _text(page) and f"/ideas/{merged.pk}/support/" not in page.content.decode()
    assert "Тази идея вече не приема подкрепа." in _text(page)
    assert f"/ideas/{kept.pk}/support/" in client.get(f"/ideas/{kept.pk}/").content.decode()
    refused = client.post(f"/ideas/{merged.pk}/support/", follow=True)
    assert "Тази идея вече не приема подкрепа." in _text(refused)
    assert not Support.objects.filter(idea=merged).exists()


def test_units_are_shown_in_the_language_of_the_page(client_for, municipality, indicator):
    other = make_indicator(municipality, indicator.plan_node, code="П2", unit="легла", direction="increase",
                           baseline_value=Decimal(210))
    client = _english(client_for("alpha.test"))
    text = _text(client.get(f"/indicators/{indicator.pk}/"))
    assert "402 units" in text and "брой" not in text
    # Without an English unit the Bulgarian one is marked as Bulgarian.
    assert '<span lang="bg">легла</span>' in client.get(f"/indicators/{other.pk}/").content.decode()
    assert "402 брой" in _text(client_for("alpha.test").get(f"/indicators/{indicator.pk}/"))


def test_the_audit_log_names_fields_and_values_in_the_page_language(client_for, municipality, indicator):
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    monitoring.update_indicator(actor=officer, indicator=indicator, direction="decrease", unit_en="pieces")
    client = client_for("alpha.test", officer)
    text = _text(client.get("/office/audit/"))
    assert "Желана промяна: увеличение → намаление" in text
    assert "Мерна единица на английски: units → pieces" in text
    assert "Direction" not in text and "Unit_en" not in text
    english = _text(_english(client).get("/office/audit/"))
    assert "Desired change: increase → decrease" in english


@pytest.mark.parametrize(("language", "value", "said"), [
    ("bg", 1, "1 час"), ("bg", Decimal("16.0"), "16 часа"), ("bg", Decimal("1.5"), "1,5 часа"),
    ("en", 1, "1 hour"), ("en", Decimal("2.5"), "2.5 hours")])
def test_hours_take_the_plural_form_of_their_number(language, value, said):
    with translation.override(language):
        assert hours(value) == said


def test_the_completion_rule_counts_its_hours_in_bulgarian(client_for, municipality):
    from sabor.training.testing import make_programme, make_session

    officer = testing.make_member(municipality, Role.ME_OFFICER, group="administration")
    programme = make_programme(municipality)
    make_session(programme, hours=Decimal(1))
    page = client_for("alpha.test", officer).get(f"/office/training/{programme.pk}/trainees/")
    assert "от 1 час обучение" in _text(page)
