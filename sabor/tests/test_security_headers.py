"""Content-Security-Policy and Permissions-Policy on every response: only Sabor's own
scripts run (inline ones only with the response's nonce), and no page may use the
camera, the microphone, the location and the like."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from sabor.accounts import testing
from sabor.participation.testing import make_idea, make_meeting

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "sabor" / "templates"
# Rendered to PDF by WeasyPrint only, never served to a browser.
DOCUMENTS = {"monitoring/report/annual.html", "training/documents/certificate.html",
             "training/documents/attendance_sheet.html"}


def _policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def _check_strict(response) -> dict[str, list[str]]:
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive] and "'unsafe-eval'" not in policy[directive]
        assert "*" not in policy[directive]
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, feature
    return policy


def test_every_kind_of_response_carries_both_policies(client_for, municipality, resident, staff):
    idea = make_idea(municipality, resident)
    anon = client_for("alpha.test")
    responses = [anon.get("/"), anon.get("/ideas/"), anon.get(f"/ideas/{idea.pk}/"), anon.get("/accounts/login/"),
                 anon.get("/no-such-page/"), anon.post("/accounts/login/", {"login": "x", "password": "y"}),
                 anon.get("/admin/"), client_for("alpha.test", staff).get("/office/"),
                 client_for("alpha.test", testing.make_operator()).get("/admin/")]
    assert [response.status_code for response in responses] == [200, 200, 200, 200, 404, 400, 302, 200, 200]
    for response in responses:
        _check_strict(response)


def test_the_inline_style_carries_the_nonce_of_its_own_response_also_from_the_page_cache(client_for, municipality,
                                                                                        resident):
    meeting = make_meeting(municipality)
    nonces = []
    for _visitor in range(3):
        response = client_for("alpha.test").get(f"/meetings/{meeting.pk}/")  # the second and third from the cache
        policy = _check_strict(response)
        (nonce,) = re.findall(r'<style nonce="([^"]+)">', response.content.decode())
        assert f"'nonce-{nonce}'" in policy["style-src"]
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_no_template_has_inline_script_event_handler_or_style_attribute():
    offences = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in DOCUMENTS:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", r"\son[a-z]+\s*=",
                        r"\sstyle\s*=", r"javascript:", r"<style(?![^>]*nonce=)"):
            offences += [f"{name}: {match}" for match in re.findall(pattern, text)]
    assert offences == []
