import pytest

from sabor.accounts import services, testing
from sabor.accounts.models import Membership, Organisation, OrganisationMember, Role
from sabor.core.models import AuditEntry

pytestmark = pytest.mark.django_db

VALID = {"name": "Читалище „Светлина“", "kind": "community_centre", "eik": "123456789",
         "description": "**Дейност**", "website": "chitalishte.example.bg", "email": "", "is_public": "on"}


def test_staff_create_an_organisation(client_for, municipality, staff):
    response = client_for("alpha.test", staff).post("/office/organisations/new/", VALID)
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Читалище „Светлина“")
    assert organisation.municipality == municipality
    assert organisation.website == "https://chitalishte.example.bg"
    assert AuditEntry.objects.filter(action="organisation.created", actor=staff).exists()


@pytest.mark.parametrize("field, value", [("eik", "12345"), ("kind", "cult"), ("name", ""),
                                          ("website", "not a url"), ("email", "nobody")])
def test_bad_organisation_input_is_refused(client_for, municipality, staff, field, value):
    response = client_for("alpha.test", staff).post("/office/organisations/new/", {**VALID, field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_two_organisations_cannot_share_a_name(client_for, municipality, staff):
    testing.make_organisation(municipality, name=VALID["name"])
    response = client_for("alpha.test", staff).post("/office/organisations/new/", VALID)
    assert response.status_code == 400
    assert Organisation.objects.count() == 1


def test_editing_records_what_changed(client_for, municipality, staff):
    organisation = testing.make_organisation(municipality, eik="")
    response = client_for("alpha.test", staff).post(f"/office/organisations/{organisation.pk}/",
                                                    {**VALID, "name": organisation.name})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="organisation.updated")
    assert entry.changes["eik"] == ["", "123456789"]
    assert "name" not in entry.changes


def test_making_someone_a_representative_grants_the_role_and_removing_takes_it(client_for, municipality, staff,
                                                                                resident):
    organisation = testing.make_organisation(municipality)
    client = client_for("alpha.test", staff)
    response = client.post(f"/office/organisations/{organisation.pk}/members/",
                           {"member-email": resident.email, "member-position": "председател",
                            "member-is_representative": "on"})
    assert response.status_code == 302
    roles = set(Membership.objects.get(user=resident).roles.values_list("role", flat=True))
    assert roles == {Role.RESIDENT, Role.ORGANISATION_REPRESENTATIVE}
    member = OrganisationMember.objects.get(user=resident)
    response = client.post(f"/office/organisations/{organisation.pk}/members/{member.pk}/", {"remove": "1"})
    assert response.status_code == 302
    roles = set(Membership.objects.get(user=resident).roles.values_list("role", flat=True))
    assert roles == {Role.RESIDENT}
    assert AuditEntry.objects.filter(action="organisation.member_removed").exists()


def test_only_people_of_the_municipality_can_be_added(client_for, municipality, other_municipality, staff):
    organisation = testing.make_organisation(municipality)
    stranger = testing.make_member(other_municipality)
    response = client_for("alpha.test", staff).post(f"/office/organisations/{organisation.pk}/members/",
                                                    {"member-email": stranger.email})
    assert response.status_code == 400
    assert not OrganisationMember.objects.exists()
    # The same message whether or not the address has an account anywhere.
    unknown = client_for("alpha.test", staff).post(f"/office/organisations/{organisation.pk}/members/",
                                                   {"member-email": "nobody@example.org"})
    assert response.context["add_form"].errors == unknown.context["add_form"].errors


def test_a_representative_edits_their_own_organisation_only(client_for, municipality, resident):
    mine = testing.make_organisation(municipality)
    theirs = testing.make_organisation(municipality)
    services.add_organisation_member(actor=None, organisation=mine, user=resident, is_representative=True)
    client = client_for("alpha.test", resident)
    response = client.post(f"/organisations/{mine.pk}/edit/", {**VALID, "name": "Ново име"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "Ново име"
    assert client.post(f"/organisations/{theirs.pk}/edit/", {**VALID, "name": "Чуждо"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.name != "Чуждо"


def test_hidden_organisations_are_not_listed_or_shown(client_for, municipality, resident):
    hidden = testing.make_organisation(municipality, is_public=False)
    client = client_for("alpha.test", resident)
    assert hidden.name not in client.get("/organisations/").content.decode()
    assert client.get(f"/organisations/{hidden.pk}/").status_code == 404


def test_the_public_page_renders_the_description_safely(client_for, municipality):
    organisation = testing.make_organisation(municipality, description="**силно** <script>alert(1)</script>")
    body = client_for("alpha.test").get(f"/organisations/{organisation.pk}/").content.decode()
    assert "<strong>силно</strong>" in body
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_unknown_kind_is_reported_and_ignored(client_for, municipality):
    testing.make_organisation(municipality)
    response = client_for("alpha.test").get("/organisations/?kind=nonsense")
    assert response.status_code == 400
    assert response.context["form"].messages
    assert len(response.context["organisations"]) == 1


def test_the_organisation_filter_by_kind(client_for, municipality):
    testing.make_organisation(municipality, kind="school")
    testing.make_organisation(municipality, kind="ngo")
    response = client_for("alpha.test").get("/organisations/?kind=school")
    assert response.status_code == 200
    assert [o.kind for o in response.context["organisations"]] == ["school"]


def test_the_public_list_is_paginated(client_for, municipality):
    for _ in range(30):
        testing.make_organisation(municipality)
    client = client_for("alpha.test")
    first = client.get("/organisations/")
    assert len(first.context["organisations"]) == 24
    second = client.get("/organisations/?page=2")
    assert len(second.context["organisations"]) == 6
    assert client.get("/organisations/?page=abc").status_code == 200


def test_an_empty_submission_is_answered_with_messages(client_for, municipality, staff):
    response = client_for("alpha.test", staff).post("/office/organisations/new/", {})
    assert response.status_code == 400
    assert {"name", "kind"} <= set(response.context["form"].errors)


def test_the_add_member_and_details_forms_do_not_share_field_ids(client_for, municipality, staff):
    organisation = testing.make_organisation(municipality)
    body = client_for("alpha.test", staff).get(f"/office/organisations/{organisation.pk}/").content.decode()
    assert body.count('id="id_email"') == 1
    assert 'id="id_member-email"' in body
