import json

import pytest
from django.contrib.auth import get_user_model

from sabor.accounts import services, testing
from sabor.accounts.models import Membership, OrganisationMember, Role
from sabor.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_person_edits_their_profile(client_for, municipality, resident):
    settlement = testing.make_settlement(municipality)
    response = client_for("alpha.test", resident).post("/account/profile/", {
        "display_name": "Мария И.", "settlement": settlement.pk, "preferred_language": "en",
        "notification_frequency": "daily"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.display_name, resident.preferred_language, resident.notification_frequency) == (
        "Мария И.", "en", "daily")
    assert Membership.objects.get(user=resident).settlement == settlement
    assert response.cookies["django_language"].value == "en"
    entry = AuditEntry.objects.get(action="user.profile_updated")
    assert entry.changes["notification_frequency"] == ["immediately", "daily"]
    assert "settlement" in entry.changes


def test_the_profile_refuses_bad_input_and_keeps_what_was_saved(client_for, municipality, resident):
    before = resident.display_name
    response = client_for("alpha.test", resident).post("/account/profile/", {
        "display_name": "", "notification_frequency": "hourly", "preferred_language": "xx"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"display_name", "notification_frequency", "preferred_language"} <= set(errors)
    resident.refresh_from_db()
    assert resident.display_name == before


def test_the_profile_page_escapes_the_name(client_for, municipality, resident):
    body = client_for("alpha.test", resident).get("/account/profile/").content.decode()
    assert testing.XSS not in body
    assert "&lt;script&gt;" in body


def test_a_person_downloads_all_their_data(client_for, municipality, resident):
    organisation = testing.make_organisation(municipality)
    services.add_organisation_member(actor=None, organisation=organisation, user=resident, position="член")
    client = client_for("alpha.test", resident)
    assert client.get("/account/export/").status_code == 405
    response = client.post("/account/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert data["memberships"][0]["roles"] == [Role.RESIDENT]
    assert data["organisations"][0]["position"] == "член"
    assert data["email_addresses"] == [{"email": resident.email, "verified": True, "primary": True}]
    assert AuditEntry.objects.filter(action="user.data_exported", actor=resident).exists()


def test_deleting_an_account_anonymises_it_and_keeps_the_row(client_for, municipality, resident):
    organisation = testing.make_organisation(municipality)
    services.add_organisation_member(actor=None, organisation=organisation, user=resident)
    client = client_for("alpha.test", resident)
    response = client.post("/account/delete/", {"password": testing.PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=resident.pk)
    assert user.is_anonymised and not user.is_active
    assert user.email == f"deleted-{user.pk}@invalid"
    assert user.public_name in ("Изтрит потребител", "Deleted user")
    assert not Membership.objects.filter(user=user).exists()
    assert not OrganisationMember.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="user.deleted", object_id=str(user.pk)).exists()
    assert client.get("/account/profile/").status_code == 302
    login = client_for("alpha.test").post("/accounts/login/", {"login": resident.email,
                                                               "password": testing.PASSWORD})
    assert login.status_code == 400


def test_deleting_needs_the_password(client_for, municipality, resident):
    response = client_for("alpha.test", resident).post("/account/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    resident.refresh_from_db()
    assert resident.is_active and not resident.is_anonymised


def test_other_sessions_end_when_the_account_is_deleted(client_for, municipality, resident):
    laptop = client_for("alpha.test", resident)
    phone = client_for("alpha.test", resident)
    laptop.post("/account/delete/", {"password": testing.PASSWORD, "confirm": "on"})
    assert phone.get("/account/profile/").status_code == 302


def test_deleting_takes_the_name_out_of_the_audit_log(client_for, municipality, administrator, resident):
    resident.display_name = "Мария Тайнова"
    resident.save()
    organisation = testing.make_organisation(municipality)
    services.add_organisation_member(actor=administrator, organisation=organisation, user=resident)
    services.update_profile(actor=resident, user=resident, municipality=municipality, display_name="Мария Т.",
                            preferred_language="", notification_frequency="daily")
    client_for("alpha.test", resident).post("/account/delete/", {"password": testing.PASSWORD, "confirm": "on"})
    for entry in AuditEntry.objects.all():
        text = f"{entry.actor_label} {entry.object_repr} {json.dumps(entry.changes, ensure_ascii=False)}"
        assert "Мария" not in text, text
    deleted = AuditEntry.objects.get(action="user.deleted")
    assert deleted.municipality == municipality
    assert deleted.changes == {"roles": ["resident", None]}
    body = client_for("alpha.test", administrator).get("/office/audit/").content.decode()
    assert f"Изтрит потребител (#{resident.pk})" in body


def test_the_only_administrator_cannot_delete_their_account(client_for, municipality, administrator):
    response = client_for("alpha.test", administrator).post("/account/delete/", {"password": testing.PASSWORD,
                                                                                 "confirm": "on"})
    assert response.status_code == 400
    administrator.refresh_from_db()
    assert administrator.is_active
    testing.make_member(municipality, Role.ADMINISTRATOR)
    response = client_for("alpha.test", administrator).post("/account/delete/", {"password": testing.PASSWORD,
                                                                                 "confirm": "on"})
    assert response.status_code == 302
