"""The platform operator reaches /admin/ only through the site's own sign-in: its rate
limits and its second factor hold there too."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from sabor.accounts import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(municipality):
    return testing.make_operator("operator@example.org")


def test_the_admin_sends_visitors_to_the_site_login(anon):
    response = anon.get("/admin/")
    assert response.status_code == 302
    response = anon.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_thirty_wrong_passwords_at_the_admin_login_get_no_password_form(anon, operator):
    assert b'name="password"' not in anon.get("/admin/login/").content
    for attempt in range(30):
        response = anon.post("/admin/login/?next=/admin/", {"username": operator.email, "password": f"guess-{attempt}"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    # Then the right password: still not signed in, only sent to the site's login.
    response = anon.post("/admin/login/", {"username": operator.email, "password": testing.PASSWORD})
    assert response["Location"].startswith("/accounts/login/")
    assert anon.get("/admin/").status_code == 302


def test_the_site_login_rate_limit_holds_for_the_operator(anon, operator):
    for attempt in range(5):
        assert anon.post("/accounts/login/?next=/admin/", {"login": operator.email, "password": f"guess-{attempt}"}
                         ).status_code == 400
    anon.cookies["django_language"] = "en"
    response = anon.post("/accounts/login/?next=/admin/", {"login": operator.email, "password": testing.PASSWORD})
    assert response.status_code == 400
    assert "Too many failed login attempts" in str(response.context["form"].errors)
    assert anon.get("/admin/").status_code == 302


def _current_code(secret: str) -> str:
    # Not in the last seconds of the 30-second window, where it could expire before the server reads it.
    if time.time() % 30 > 27:
        time.sleep(3)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_operator_signs_in_with_the_second_factor_and_lands_in_the_admin(anon, municipality):
    operator = testing.make_user("root@example.org", is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(operator, secret)
    response = anon.post("/accounts/login/", {"login": operator.email, "password": testing.PASSWORD,
                                              "next": "/admin/"})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert anon.get("/admin/").status_code == 302  # the password alone is not enough
    response = anon.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert anon.get("/admin/").status_code == 200


def test_an_operator_without_two_factor_is_sent_to_set_it_up(client_for, municipality):
    operator = testing.make_user(is_staff=True, is_superuser=True)
    client = client_for("alpha.test", operator)
    response = client.get("/admin/", follow=True)
    # allauth asks for the password again before a device is added, then shows the set-up.
    assert response.redirect_chain[1][0] == "/accounts/2fa/totp/activate/"
    assert response.redirect_chain[-1][0] == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    assert client.get("/admin/accounts/user/").status_code == 302
    TOTP.activate(operator, generate_totp_secret())
    assert client.get("/admin/accounts/user/").status_code == 200


def test_a_signed_in_person_who_is_not_staff_is_refused(client_for, resident):
    assert client_for("alpha.test", resident).get("/admin/login/").status_code == 403
