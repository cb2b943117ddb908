"""Hostile values in every parameter of every page: no server error, for anyone.

The town has one of everything; for each role (anonymous, resident, staff, M&E
officer, administrator) every URL of the project is filled with its objects, its
forms are read from the page as that person sees it, and then, for each example
hypothesis draws, every page is requested with every query parameter the views
read set to a drawn value, and every form on it is posted with each field either
kept as rendered (so the view's branch is reached) or replaced by a drawn value:
digits that are not ASCII („²“, „٣“), NUL, numbers past bigint, negatives, empty,
very long and arbitrary text. Any 5xx, or an exception, fails. It runs on SQLite
and on PostgreSQL, which refuses NUL in text and integers past bigint."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.http import parse_id
from sabor.participation.models import Registration
from sabor.tests.urlwalk import Fillers, every_pattern
from sabor.training.models import Attendance

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "٣", "¹²", "１２", "\x00", "%00", "a\x00b", "99999999999999999999", "9223372036854775808",
           "-1", "-99999999999999999999", "0", "", " ", "1e309", "NaN", "1.5", "x" * 5000, "🙂", "<script>",
           "' OR 1=1 --", "2024-13-45", "0000-00-00", "../../etc/passwd", "\u202e", "\ud7ff", "\r\nX-Header: 1"]
PINNED = ["²", "\x00", "99999999999999999999"]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), st.integers().map(str))
# Query parameters the views read (found by reading request.GET in the code), besides the
# fields of the filter forms found on each page.
QUERY = ["page", "q", "year", "status", "process", "title", "description", "code", "next", "kind", "plan",
         "settlement", "group", "role", "action", "municipality", "programme", "sort", "order"]
# Django's own admin is the platform operator's and Django's to harden; signing out or
# deleting the account would end the sweep for the rest of the pages.
SKIPPED = {"admin", "account_logout", "delete_account"}
ROLES = {"anonymous": (), "resident": (Role.RESIDENT,), "staff": (Role.STAFF,), "officer": (Role.ME_OFFICER,),
         "administrator": (Role.ADMINISTRATOR, Role.STAFF, Role.ME_OFFICER, Role.MODERATOR)}


def _paths(town) -> list[str]:
    paths = []
    for namespace, pattern, route in every_pattern():
        if namespace == "admin" or pattern.name in SKIPPED:
            continue
        if route.startswith("accounts/^"):  # allauth's keyed links: a key that is wrong is a 404 by design
            route = route.replace("^", "").replace("$", "")
            route = route.split("(?P")[0] + "1-not-a-key/"
        named = f"{namespace}:{pattern.name}"
        paths.append(town["fillers"].path(named, town) if named in town["fillers"].fill else "/" + route)
    return paths


BENIGN = {"number": "1", "date": "2025-06-01", "datetime-local": "2025-06-01T10:00", "time": "10:00",
          "email": "hostile@example.org", "url": "https://example.org/", "color": "#1f4e79", "tel": "0888123456",
          "password": testing.PASSWORD}


class _Forms(HTMLParser):
    """The forms of a page: method, action and, per field, the values the page offers,
    a harmless value of its type (so that the rest of a form is valid and the view goes
    on to the field under attack) and whether it carries ids."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self.current, self.select = page, [], None, None

    def _field(self, name: str, benign: str) -> dict:
        return self.current["fields"].setdefault(name, {"offered": set(), "benign": benign})

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"method": (attrs.get("method") or "get").lower(),
                            "action": urlsplit(attrs.get("action") or self.page).path or self.page,
                            "fields": {}, "files": set()}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "option" and self.select is not None:
            if attrs.get("value"):
                self.select["offered"].add(attrs["value"])
        elif not attrs.get("name"):
            return
        elif tag == "input" and attrs.get("type") == "file":
            self.current["files"].add(attrs["name"])
        elif tag in ("input", "button", "textarea"):
            field = self._field(attrs["name"], BENIGN.get(attrs.get("type", ""), "Проба"))
            if attrs.get("value"):
                field["offered"].add(attrs["value"])
        elif tag == "select":
            self.select = self._field(attrs["name"], "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def _carries_ids(field: dict) -> bool:
    return bool(field["offered"]) and all(value.isdigit() for value in field["offered"])


@pytest.fixture
def town(municipality):
    """One of everything in the municipality, for the ids of every URL (each app's url fillers)."""
    fillers = Fillers()
    return {"fillers": fillers, **fillers.town(municipality)}


def _sweep_as(role: str, client_for, municipality, town):
    client = client_for("alpha.test", testing.make_member(municipality, *ROLES[role]) if ROLES[role] else None)
    targets, seen = [], set()
    for path in _paths(town):
        response = client.get(path)
        assert response.status_code < 500, f"GET {path} as {role}: {response.status_code}"
        forms = []
        if response.get("Content-Type", "").startswith("text/html"):
            parser = _Forms(path)
            parser.feed(response.content.decode())
            forms = parser.forms
        query = set(QUERY).union(*(form["fields"] for form in forms if form["method"] == "get"))
        posted = []
        for form in forms:  # each form once, though the language switch is on every page
            key = (form["action"], tuple(sorted(form["fields"])), tuple(sorted(form["files"])))
            if form["method"] == "post" and key not in seen and resolve(form["action"]).url_name not in SKIPPED:
                seen.add(key)
                posted.append(form)
        targets.append((path, sorted(query), posted))
    assert len(targets) > 100 and len(seen) >= (4 if role == "anonymous" else 10)

    names = sorted({name for _path, query, _forms in targets for name in query}
                   | {name for _path, _query, forms in targets for form in forms for name in form["fields"]})
    ids = {name for _path, query, _forms in targets for name in query} | {
        name for _path, _query, forms in targets for form in forms for name, field in form["fields"].items()
        if _carries_ids(field)}

    @settings(max_examples=len(PINNED) + 1, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({name: VALUES for name in names}),
           st.fixed_dictionaries({name: st.integers(min_value=-1, max_value=3) for name in names}),
           st.sampled_from(HOSTILE))
    def every_page_takes_hostile_values(values, choices, filename):
        """`values` holds what each parameter gets in this example; `choices` says, per
        field, whether a form sends that (-1) or one of the values the page offers."""
        for path, query, forms in targets:
            params = {name: values[name] for name in query}
            response = client.get(path, params)
            assert response.status_code < 500, f"GET {path} {params!r} as {role}"
            for form in forms:
                fields = {}
                for name, field in form["fields"].items():
                    offered = sorted(field["offered"]) or [field["benign"]]
                    fields[name] = values[name] if choices[name] < 0 else offered[choices[name] % len(offered)]
                for name in form["files"]:
                    fields[name] = SimpleUploadedFile(f"{filename[:50]}.pdf", b"%PDF-1.4 hostile")
                response = client.post(form["action"], fields)
                assert response.status_code < 500, f"POST {form['action']} {fields!r} as {role}"

    # Besides what hypothesis draws, each class of value pinned: in every id and query
    # parameter at once, the rest of each form kept valid so the view reaches them.
    for value in PINNED:
        every_page_takes_hostile_values = example({name: value for name in names},
                                                  {name: -1 if name in ids else 0 for name in names},
                                                  "x")(every_page_takes_hostile_values)
    every_page_takes_hostile_values()


@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_hostile_values_with_a_server_error(role, client_for, municipality, town):
    _sweep_as(role, client_for, municipality, town)


@pytest.mark.parametrize("value", ["²", "٣", "¹²", "99999999999999999999", "9223372036854775808", "-1", "", "1 ",
                                   "abc", "\x00", "0x1f"])
def test_an_id_is_ascii_digits_within_bigint_or_nothing(value):
    assert parse_id(value) == 0


def test_an_id_within_bigint_is_read():
    assert parse_id("42") == 42 and parse_id("9223372036854775807") == 2**63 - 1


@pytest.mark.parametrize("value", ["abc", "²", "99999999999999999999"])
def test_the_planning_back_office_answers_a_mangled_parent_or_milestone_with_404(client_for, municipality, town,
                                                                                  value):
    client = client_for("alpha.test", testing.make_member(municipality, Role.STAFF, Role.ME_OFFICER))
    plan, project = town["objects"]["projects_plan"].pk, town["objects"]["project"].pk
    response = client.post(f"/office/plans/{plan}/", {"action": "node", "node-title": "Нова цел", "node-weight": "1",
                                                         "parent": value})
    assert response.status_code == 404
    response = client.post(f"/office/projects/{project}/", {"action": "milestone_done", "milestone": value})
    assert response.status_code == 404


def test_the_check_in_screen_takes_nul_in_its_search_and_keeps_the_search_after_a_check_in(client_for, municipality,
                                                                                           town):
    client = client_for("alpha.test", testing.make_member(municipality, Role.STAFF))
    meeting = town["objects"]["meeting"].pk
    assert client.get(f"/office/meetings/{meeting}/check-in/?q=%00").status_code == 200
    registration = Registration.objects.get()
    response = client.post(f"/office/meetings/{meeting}/check-in/", {"action": "in", "registration": registration.pk,
                                                                    "q": "Мария & Co\r\nX"})
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query) == {"q": ["Мария & Co\r\nX"]}
    for value in ("²", "99999999999999999999"):
        assert client.post(f"/office/meetings/{meeting}/check-in/", {"action": "in", "registration": value}
                           ).status_code == 404


def test_attendance_with_an_id_that_is_not_one_is_refused_and_changes_nothing(client_for, municipality, town):
    client = client_for("alpha.test", testing.make_member(municipality, Role.STAFF))
    session, attended = town["objects"]["session"].pk, Attendance.objects.count()
    for value in ("²", "٣", "99999999999999999999"):
        response = client.post(f"/office/training/sessions/{session}/",
                               {"action": "attendance", "present": [str(town["objects"]["enrolment"].pk), value]})
        assert response.status_code == 400
        assert "Списъкът на присъстващите не можа да бъде прочетен." in response.content.decode()
    assert Attendance.objects.count() == attended


def test_several_objects_chosen_by_an_id_past_bigint_are_refused_with_a_message(client_for, municipality, town):
    client = client_for("alpha.test", testing.make_member(municipality, Role.ME_OFFICER))
    response = client.post("/office/projects/", {"title": "Проект", "settlements": ["99999999999999999999"]})
    assert response.status_code == 400 and "не е валидна стойност" in response.content.decode()
