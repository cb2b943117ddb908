import pytest

from sabor.core import testing

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
