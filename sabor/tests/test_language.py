import pytest
from django.utils.html import escape

from sabor.accounts import testing

pytestmark = pytest.mark.django_db


def test_pages_are_in_bulgarian_even_for_an_english_browser(client_for, municipality):
    response = client_for("alpha.test").get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "bg"
    assert '<html lang="bg">' in response.content.decode()
    assert "Към съдържанието" in response.content.decode()


def test_the_language_switch_changes_to_english_and_back(client_for, municipality):
    client = client_for("alpha.test")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/organisations/"})
    assert response.status_code == 302 and response["Location"] == "/organisations/"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and "Skip to content" in body
    client.post("/i18n/setlang/", {"language": "bg", "next": "/"})
    assert '<html lang="bg">' in client.get("/").content.decode()


def test_an_unknown_language_is_ignored(client_for, municipality):
    client = client_for("alpha.test")
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert '<html lang="bg">' in client.get("/").content.decode()


def test_a_signed_in_person_gets_their_preferred_language(client_for, municipality):
    user = testing.make_member(municipality)
    user.preferred_language = "en"
    user.save()
    assert '<html lang="en">' in client_for("alpha.test", user).get("/").content.decode()


def test_the_switch_wins_over_the_preference(client_for, municipality):
    user = testing.make_member(municipality)
    user.preferred_language = "en"
    user.save()
    client = client_for("alpha.test", user)
    client.post("/i18n/setlang/", {"language": "bg", "next": "/"})
    assert '<html lang="bg">' in client.get("/").content.decode()


def test_municipality_names_follow_the_language(client_for, municipality):
    municipality.name_en = "Alpha Municipality"
    municipality.save()
    client = client_for("alpha.test")
    assert "Alpha Municipality" not in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Alpha Municipality" in client.get("/").content.decode()


def test_bulgarian_names_on_english_pages_are_marked_bulgarian(client_for, municipality):
    municipality.name_en = ""
    municipality.description_en = ""
    municipality.save()
    client = client_for("alpha.test")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<h1><span lang="bg">Община alpha' in body
    assert '<div class="prose" lang="bg">' in body


def test_an_expired_form_gets_a_page_in_the_site_language(municipality):
    from django.test import Client

    client = Client(HTTP_HOST="alpha.test", enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    body = response.content.decode()
    assert '<html lang="bg">' in body
    assert "Към съдържанието" in body


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/"])
def test_the_statements_are_linked_from_every_page_and_name_the_municipality(client_for, municipality, path):
    client = client_for("alpha.test")
    assert f'href="{path}"' in client.get("/").content.decode()
    response = client.get(path)
    assert response.status_code == 200
    assert "Община alpha" in response.content.decode()
    assert testing.XSS not in response.content.decode()
    assert f"Община alpha {escape(testing.XSS)}" in response.content.decode()


def test_content_is_marked_with_its_language_only_where_it_differs_from_the_page():
    from django.utils import translation

    from sabor.core.templatetags.sabor import content_language, in_lang, lang_attr

    assert [content_language(text) for text in ("Покрит пазар", "Covered market", "VTR-E8RU-RQDH", "2021", "")] == [
        "bg", "en", None, None, None]
    with translation.override("en"):
        assert in_lang("Покрит <пазар>") == '<span lang="bg">Покрит &lt;пазар&gt;</span>'
        assert in_lang("Covered market") == "Covered market" and in_lang("О4") == '<span lang="bg">О4</span>'
        assert lang_attr("Пазар за зеленчуци.") == ' lang="bg"' and lang_attr("A market.") == ""
        # A Bulgarian name inside English words is marked by itself.
        assert in_lang("forums held: Подготовка на ПИРО (2021)") == (
            'forums held: <span lang="bg">Подготовка на ПИРО</span> (2021)')
    with translation.override("bg"):
        assert in_lang("Покрит пазар") == "Покрит пазар" and lang_attr("Покрит пазар") == ""
        assert in_lang("Open <data>") == '<span lang="en">Open &lt;data&gt;</span>'
        assert lang_attr("Open data in English.") == ' lang="en"' and in_lang("VTR-E8RU-RQDH") == "VTR-E8RU-RQDH"
