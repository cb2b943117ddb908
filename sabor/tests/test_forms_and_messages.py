"""Every form shows its errors in one summary at its top; messages carry the live-region
role that makes a screen reader announce them (errors at once, the rest politely)."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

from sabor.accounts import testing
from sabor.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_messages_are_status_and_errors_are_alerts(municipality):
    request = RequestFactory().get("/", HTTP_HOST="alpha.test")
    request.session, request.user = {}, testing.make_user("a@example.org")
    request._messages = FallbackStorage(request)
    messages.success(request, "Благодарим за подкрепата.")
    messages.error(request, "Твърде много опити.")
    html = render_to_string("base.html", {"messages": messages.get_messages(request)}, request=request)
    assert '<div class="success" role="status"><p>Благодарим за подкрепата.</p></div>' in html
    assert '<div class="error" role="alert"><p>Твърде много опити.</p></div>' in html
    assert '<script src="/static/js/forms.js" defer></script>' in html


def _summary(html: str) -> str:
    return re.search(r'<div class="error-summary" tabindex="-1"><div role="alert">(.*?)</div></div>', html,
                     re.S).group(1)


def test_a_back_office_form_with_errors_starts_with_a_summary_linking_each_field(client_for, municipality):
    staff = testing.make_member(municipality, Role.ADMINISTRATOR)
    response = client_for("alpha.test", staff).post("/office/organisations/new/", {"name": ""})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    summary = _summary(html)
    assert "Моля, поправете следното" in summary
    assert re.search(r'<a href="#id_name">[^<]*: Това поле е задължително.</a>', summary)
    assert html.index("error-summary") < html.index('id="id_name"')


def test_sign_up_errors_are_summarised_and_the_password_rules_belong_to_their_field(client_for, municipality):
    response = client_for("alpha.test").post("/accounts/signup/", {
        "email": "ivana@example.org", "display_name": "Ивана", "password1": "lozya-i-vino-2026", "password2": "x"})
    html = response.content.decode()
    assert '<a href="#id_password2">' in _summary(html)
    # The rules are a list in a block tied to the field, not a span inside a paragraph.
    assert re.search(r'<div class="helptext" id="id_password1_helptext"><ul><li>', html)
    assert re.search(r'<input type="password" name="password1"[^>]*aria-describedby="id_password1_helptext"', html)
