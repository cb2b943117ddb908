import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sabor.accounts import testing
from sabor.accounts.models import Membership, Role
from sabor.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_administrator_sets_roles_and_each_change_is_logged(client_for, municipality, administrator, resident):
    membership = Membership.objects.get(user=resident)
    response = client_for("alpha.test", administrator).post(
        f"/office/people/{membership.pk}/", {"form": "roles", "roles": [Role.RESIDENT, Role.CIVIC_MONITOR]})
    assert response.status_code == 302
    assert set(membership.roles.values_list("role", flat=True)) == {Role.RESIDENT, Role.CIVIC_MONITOR}
    entry = AuditEntry.objects.get(action="role.granted")
    assert entry.changes == {"role": [None, "civic_monitor"]}
    assert entry.actor == administrator


def test_an_unknown_role_is_refused(client_for, municipality, administrator, resident):
    membership = Membership.objects.get(user=resident)
    response = client_for("alpha.test", administrator).post(
        f"/office/people/{membership.pk}/", {"form": "roles", "roles": ["emperor"]})
    assert response.status_code == 400
    assert set(membership.roles.values_list("role", flat=True)) == {Role.RESIDENT}


def test_an_administrator_cannot_lock_themselves_out(client_for, municipality, administrator):
    membership = Membership.objects.get(user=administrator)
    response = client_for("alpha.test", administrator).post(
        f"/office/people/{membership.pk}/", {"form": "roles", "roles": [Role.STAFF]})
    assert response.status_code == 400
    assert Role.ADMINISTRATOR in set(membership.roles.values_list("role", flat=True))


def test_staff_set_the_stakeholder_group_but_not_roles(client_for, municipality, staff, resident):
    membership = Membership.objects.get(user=resident)
    client = client_for("alpha.test", staff)
    response = client.post(f"/office/people/{membership.pk}/", {"form": "membership",
                                                                 "stakeholder_group": "business"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.stakeholder_group == "business"
    response = client.post(f"/office/people/{membership.pk}/", {"form": "roles", "roles": [Role.ADMINISTRATOR]})
    assert response.status_code == 403
    assert set(membership.roles.values_list("role", flat=True)) == {Role.RESIDENT}


def test_the_people_list_filters_by_role_group_and_text(client_for, municipality, staff):
    monitor = testing.make_member(municipality, Role.CIVIC_MONITOR, group="civil_society")
    testing.make_member(municipality, Role.RESIDENT)
    client = client_for("alpha.test", staff)
    assert list(client.get("/office/people/?role=civic_monitor").context["page"].object_list) == [
        Membership.objects.get(user=monitor)]
    assert client.get("/office/people/?group=civil_society").context["page"].paginator.count == 1
    assert client.get(f"/office/people/?q={monitor.email}").context["page"].paginator.count == 1
    # Unknown filter values are reported and ignored rather than breaking the page.
    response = client.get("/office/people/?role=emperor&group=aliens&page=zzz")
    assert response.status_code == 400
    assert len(response.context["form"].messages) == 2
    assert response.context["page"].paginator.count == 3


@pytest.mark.parametrize("path", ["/office/people/?q=%00", "/office/organisations/?q=a%00b",
                                  "/office/audit/?actor=%00&object=%00", "/organisations/?kind=%00"])
def test_null_characters_in_filters_get_a_400_not_a_crash(client_for, municipality, administrator, path):
    testing.make_member(municipality, Role.ME_OFFICER, user=administrator)
    response = client_for("alpha.test", administrator).get(path)
    assert response.status_code == 400
    assert response.context["form"].messages


def _queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_people_list_runs_the_same_queries_for_few_and_many(client_for, municipality, staff):
    client = client_for("alpha.test", staff)
    for _ in range(3):
        testing.make_member(municipality, Role.RESIDENT, Role.CIVIC_MONITOR)
    few = _queries(client, "/office/people/")
    for _ in range(40):
        testing.make_member(municipality, Role.RESIDENT, Role.CIVIC_MONITOR)
    assert _queries(client, "/office/people/") == few


def test_the_organisation_lists_run_the_same_queries_for_few_and_many(client_for, municipality, staff):
    client = client_for("alpha.test", staff)
    settlement = testing.make_settlement(municipality)
    testing.make_organisation(municipality, settlement=settlement)
    few = (_queries(client, "/office/organisations/"), _queries(client, "/organisations/"))
    for _ in range(30):
        testing.make_organisation(municipality, settlement=settlement)
    assert (_queries(client, "/office/organisations/"), _queries(client, "/organisations/")) == few


def test_the_representative_role_cannot_be_granted_by_hand(client_for, municipality, administrator, resident):
    membership = Membership.objects.get(user=resident)
    response = client_for("alpha.test", administrator).post(
        f"/office/people/{membership.pk}/", {"form": "roles", "roles": [Role.ORGANISATION_REPRESENTATIVE]})
    assert response.status_code == 400
    assert Role.ORGANISATION_REPRESENTATIVE not in set(membership.roles.values_list("role", flat=True))


def test_saving_roles_keeps_the_representative_role_of_a_representative(client_for, municipality, administrator,
                                                                          resident):
    from sabor.accounts import services

    services.add_organisation_member(actor=None, organisation=testing.make_organisation(municipality),
                                     user=resident, is_representative=True)
    membership = Membership.objects.get(user=resident)
    response = client_for("alpha.test", administrator).post(
        f"/office/people/{membership.pk}/", {"form": "roles", "roles": [Role.RESIDENT, Role.CIVIC_MONITOR]})
    assert response.status_code == 302
    assert set(membership.roles.values_list("role", flat=True)) == {
        Role.RESIDENT, Role.CIVIC_MONITOR, Role.ORGANISATION_REPRESENTATIVE}


def test_an_unknown_form_on_the_person_page_is_a_bad_request(client_for, municipality, administrator, resident):
    membership = Membership.objects.get(user=resident)
    client = client_for("alpha.test", administrator)
    assert client.post(f"/office/people/{membership.pk}/", {"form": "other"}).status_code == 400
    assert client.post(f"/office/people/{membership.pk}/", {}).status_code == 400


def test_the_operator_appoints_the_first_administrator_by_command(municipality):
    from django.core.management import call_command

    from sabor.core.models import AuditEntry

    person = testing.make_user("kmet@example.org")
    call_command("grant_role", "KMET@example.org", municipality.slug, Role.ADMINISTRATOR, "--group",
                 "administration")
    membership = Membership.objects.get(user=person, municipality=municipality)
    assert set(membership.roles.values_list("role", flat=True)) == {Role.RESIDENT, Role.ADMINISTRATOR}
    assert membership.stakeholder_group == "administration"
    assert AuditEntry.objects.filter(action="role.granted", actor=None, municipality=municipality).exists()


def test_grant_role_refuses_unknown_people_and_places(municipality):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="signs up first"):
        call_command("grant_role", "nobody@example.org", municipality.slug, Role.STAFF)
    testing.make_user("x@example.org")
    with pytest.raises(CommandError, match="short name"):
        call_command("grant_role", "x@example.org", "atlantis", Role.STAFF)
