import pytest
from django.utils.html import escape

from sabor.accounts import services, testing
from sabor.accounts.models import Role
from sabor.core import audit
from sabor.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def me_officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


def test_services_write_who_did_what(municipality, staff):
    organisation = services.create_organisation(actor=staff, municipality=municipality, name="Клуб",
                                                kind="informal_group")
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_repr, entry.municipality) == (
        staff, "organisation.created", "Клуб", municipality)
    assert entry.object_id == str(organisation.pk)
    assert entry.actor_label == staff.audit_label


def test_an_unknown_action_is_a_programming_error(municipality, staff):
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit.record(actor=staff, action="organisation.exploded", municipality=municipality)


def test_the_log_page_filters_by_action_actor_object_and_date(client_for, municipality, me_officer, staff):
    services.create_organisation(actor=staff, municipality=municipality, name="Първа", kind="ngo")
    organisation = services.create_organisation(actor=me_officer, municipality=municipality, name="Втора",
                                                kind="ngo")
    services.update_organisation(actor=staff, organisation=organisation, name="Втора и нова")
    client = client_for("alpha.test", me_officer)

    def count(query):
        response = client.get("/office/audit/", query)
        assert response.status_code == 200
        return response.context["page"].paginator.count

    assert count({}) == 3
    assert count({"action": "organisation.updated"}) == 1
    assert count({"actor": staff.audit_label}) == 2
    assert count({"object": "Първа"}) == 1
    assert count({"date_from": "2000-01-01", "date_to": "2999-12-31"}) == 3
    assert count({"date_from": "2999-01-01"}) == 0


def test_bad_filters_get_a_message_and_a_400(client_for, municipality, me_officer):
    response = client_for("alpha.test", me_officer).get("/office/audit/?action=drop+table&date_from=31.02.2026")
    assert response.status_code == 400
    assert len(response.context["form"].messages) == 2


def test_the_log_shows_only_this_municipality(client_for, municipality, other_municipality, me_officer):
    services.create_organisation(actor=None, municipality=other_municipality, name="Чужда", kind="ngo")
    response = client_for("alpha.test", me_officer).get("/office/audit/")
    assert response.context["page"].paginator.count == 0
    assert "Чужда" not in response.content.decode()


def test_log_entries_are_escaped(client_for, municipality, me_officer):
    services.create_organisation(actor=me_officer, municipality=municipality, name=f"Злонамерена {testing.XSS}",
                                 kind="ngo")
    body = client_for("alpha.test", me_officer).get("/office/audit/").content.decode()
    assert testing.XSS not in body
    assert f"Злонамерена {escape(testing.XSS)}" in body


def test_changes_read_as_words_not_codes(client_for, municipality, me_officer, administrator, resident):
    from sabor.accounts.models import Membership

    services.set_roles(actor=administrator, membership=Membership.objects.get(user=resident),
                       roles={Role.RESIDENT, Role.CIVIC_MONITOR})
    client = client_for("alpha.test", me_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/office/audit/").content.decode()
    assert "Role: — → civic monitor" in body
    assert "civic_monitor" not in body
