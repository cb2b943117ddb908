"""People's content keeps its own language on pages in the other one (WCAG 3.1.2): core marks
it (core.templatetags), shown here on a page of the site that carries it."""

import pytest

from sabor.accounts import testing
from sabor.participation.testing import make_idea

pytestmark = pytest.mark.django_db


def test_user_content_on_english_pages_is_marked_bulgarian(client_for, municipality):
    author = testing.make_member(municipality)
    idea = make_idea(municipality, author, title="Покрит пазар", description="Пазар за зеленчуци и мед.")
    client = client_for("alpha.test")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert '<h1><span lang="bg">Покрит пазар</span></h1>' in body
    assert '<div class="prose" lang="bg"><p>Пазар за зеленчуци и мед.</p>' in body
    client.post("/i18n/setlang/", {"language": "bg", "next": "/"})
    body = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "<h1>Покрит пазар</h1>" in body and '<div class="prose"><p>Пазар' in body
