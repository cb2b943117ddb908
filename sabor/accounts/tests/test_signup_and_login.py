import re
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher
from django.core import mail

from sabor.accounts import testing
from sabor.accounts.models import Membership, Role, User
from sabor.core import mail as mail_service
from sabor.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SIGNUP = {"email": "nova@example.org", "display_name": "Нова Жителка", "password1": "a-long-pass-phrase-42",
          "password2": "a-long-pass-phrase-42"}


def test_signing_up_makes_a_resident_of_the_municipality_and_asks_to_verify(anon, municipality,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="nova@example.org")
    assert user.display_name == "Нова Жителка"
    membership = Membership.objects.get(user=user)
    assert membership.municipality == municipality
    assert list(membership.roles.values_list("role", flat=True)) == [Role.RESIDENT]
    assert AuditEntry.objects.filter(action="user.signed_up", object_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    assert "nova@example.org" in mail.outbox[0].to


def test_the_emailed_link_verifies_the_address_and_logs_in(anon, municipality, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        anon.post("/accounts/signup/", SIGNUP)
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("alpha.test", 1)[1]
    assert anon.get(path).status_code == 200
    response = anon.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nova@example.org").verified
    assert anon.get("/account/profile/").status_code == 200


def test_an_unverified_person_cannot_log_in(anon, municipality):
    testing.make_user("late@example.org", verified=False)
    response = anon.post("/accounts/login/", {"login": "late@example.org", "password": testing.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert anon.get("/account/profile/").status_code == 302


def test_signing_up_with_a_taken_address_looks_the_same_and_warns_the_owner(anon, municipality,
                                                                            django_capture_on_commit_callbacks):
    testing.make_user("taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = anon.post("/accounts/signup/", {**SIGNUP, "email": "taken@example.org"})
        fresh = anon.post("/accounts/signup/", {**SIGNUP, "email": "fresh@example.org"})
    assert response.status_code == fresh.status_code == 302
    assert response["Location"] == fresh["Location"]
    assert User.objects.filter(email="taken@example.org").count() == 1
    # The owner of the address hears about the attempt; the visitor learns nothing.
    assert any("taken@example.org" in message.to for message in mail.outbox)


@pytest.mark.parametrize("email", ["taken@example.org", "fresh@example.org"])
def test_signing_up_does_the_same_work_whether_or_not_the_address_has_an_account(anon, municipality, email,
                                                                                 django_capture_on_commit_callbacks):
    """Timing would tell a taken address from a new one if only one path hashed the
    password or waited for the mail server: both hash once and queue one email."""
    testing.make_user("taken@example.org")
    hasher = type(get_hasher())
    hashed = []

    def encode(self, password, salt, *args, **kwargs):
        hashed.append(password)
        return original(self, password, salt, *args, **kwargs)

    original = hasher.encode
    with mock.patch.object(hasher, "encode", encode), \
            mock.patch.object(mail_service, "deliver", mock.Mock(wraps=mail_service.deliver)) as task, \
            django_capture_on_commit_callbacks() as callbacks:
        response = anon.post("/accounts/signup/", {**SIGNUP, "email": email})
        assert response.status_code == 302
        assert hashed == [SIGNUP["password1"]]
        assert mail.outbox == [] and task.enqueue.call_count == 0  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert task.enqueue.call_count == 1
    assert [message.to for message in mail.outbox] == [[email]]


def test_password_reset_does_not_reveal_whether_an_account_exists(anon, municipality):
    testing.make_user("known@example.org")
    known = anon.post("/accounts/password/reset/", {"email": "known@example.org"})
    unknown = anon.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_login_by_email(anon, municipality):
    testing.make_user("login@example.org")
    response = anon.post("/accounts/login/", {"login": "login@example.org", "password": testing.PASSWORD})
    assert response.status_code == 302
    assert anon.get("/account/profile/").status_code == 200


def test_a_wrong_password_is_refused_with_a_message(anon, municipality):
    testing.make_user("login@example.org")
    response = anon.post("/accounts/login/", {"login": "login@example.org", "password": "wrong"})
    assert response.status_code == 400
    assert response.context["form"].errors


def test_login_attempts_are_rate_limited(anon, municipality):
    testing.make_user("target@example.org")
    for i in range(5):
        assert anon.post("/accounts/login/", {"login": "target@example.org", "password": f"guess-{i}"}
                         ).status_code == 400
    # Past the limit even the right password is refused, with a message saying why.
    anon.cookies["django_language"] = "en"
    response = anon.post("/accounts/login/", {"login": "target@example.org", "password": testing.PASSWORD})
    assert response.status_code == 400
    assert "Too many failed login attempts" in str(response.context["form"].errors)
    assert anon.get("/account/profile/").status_code == 302


def test_logout_needs_a_post(client_for, municipality, resident):
    client = client_for("alpha.test", resident)
    assert client.get("/accounts/logout/").status_code == 200
    assert client.get("/account/profile/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/account/profile/").status_code == 302


def test_staff_are_asked_for_their_second_factor_at_login(anon, municipality):
    staff = testing.make_member(municipality, Role.STAFF)
    response = anon.post("/accounts/login/", {"login": staff.email, "password": testing.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert anon.get("/office/").status_code == 302
