"""Enrolment by staff, applications by residents, and places that hold."""


import pytest
from django.core.exceptions import ValidationError

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.accounts.testing import XSS
from sabor.core.models import AuditEntry
from sabor.training.models import Enrolment
from sabor.training.services import enrolments
from sabor.training.testing import enrol, make_programme

ESCAPED = "&lt;script&gt;"  # XSS as the page shows it: escaped, not dropped

pytestmark = pytest.mark.django_db


def test_staff_enrol_a_person_with_an_account_by_email(client_for, staff, resident, municipality):
    programme = make_programme(municipality)
    response = client_for("alpha.test", staff).post(f"/office/training/{programme.pk}/trainees/", {
        "action": "enrol", "enrol-email": resident.email.upper(), "enrol-stakeholder_group": "civil_society",
        "enrol-position": "Председател"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.user == resident and enrolment.name == resident.public_name
    assert enrolment.status == "enrolled" and enrolment.stakeholder_group == "civil_society"
    assert AuditEntry.objects.filter(action="training.enrolled", actor=staff).exists()


def test_staff_enrol_a_person_without_an_account_by_name(client_for, staff, municipality):
    programme = make_programme(municipality)
    organisation = testing.make_organisation(municipality)
    response = client_for("alpha.test", staff).post(f"/office/training/{programme.pk}/trainees/", {
        "action": "enrol", "enrol-name": f"Общински съветник {XSS}", "enrol-stakeholder_group": "council",
        "enrol-organisation": organisation.pk, "enrol-enrolled_on": "2014-03-20"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.user is None and enrolment.organisation == organisation
    assert str(enrolment.enrolled_on) == "2014-03-20"
    page = client_for("alpha.test", staff).get(f"/office/training/{programme.pk}/trainees/").content.decode()
    assert "Общински съветник" in page and XSS not in page and ESCAPED in page


def test_an_unknown_email_gets_a_message_that_reveals_no_other_account(client_for, staff, municipality,
                                                                        other_municipality):
    programme = make_programme(municipality)
    elsewhere = testing.make_member(other_municipality, Role.RESIDENT)
    client = client_for("alpha.test", staff)
    for email in (elsewhere.email, "nobody@example.org"):
        response = client.post(f"/office/training/{programme.pk}/trainees/", {
            "action": "enrol", "enrol-email": email, "enrol-stakeholder_group": "residents"})
        assert response.status_code == 400
        assert "Никой с този адрес не се е присъединил" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_person_cannot_be_enrolled_twice(municipality, resident):
    programme = make_programme(municipality)
    enrol(programme, user=resident)
    with pytest.raises(ValidationError, match="already|вече") as error:
        enrol(programme, user=resident)
    assert error.value.code == "duplicate"
    assert programme.enrolments.count() == 1


def test_places_are_counted_and_the_full_programme_says_so(client_for, staff, municipality):
    programme = make_programme(municipality, capacity=1)
    enrol(programme)
    response = client_for("alpha.test", staff).post(f"/office/training/{programme.pk}/trainees/", {
        "action": "enrol", "enrol-name": "Втори", "enrol-stakeholder_group": "council"})
    assert response.status_code == 400
    assert "Всички 1 места на програмата са заети." in response.content.decode()
    assert programme.enrolments.count() == 1


def test_a_resident_applies_and_staff_accept_the_application(client_for, resident, staff, municipality):
    programme = make_programme(municipality, accepts_applications=True, capacity=2)
    client = client_for("alpha.test", resident)
    page = client.get(f"/training/{programme.pk}/").content.decode()
    assert "Кандидатствайте за програмата" in page and "2 свободни места" in page
    response = client.post(f"/training/{programme.pk}/apply/", {"stakeholder_group": "residents"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert enrolment.status == "applied" and enrolment.user == resident
    assert "1 свободно място" in client.get(f"/training/{programme.pk}/").content.decode()
    assert client.post(f"/training/{programme.pk}/apply/", {"stakeholder_group": "residents"}).status_code == 400
    accept = client_for("alpha.test", staff).post(f"/office/training/enrolments/{enrolment.pk}/status/",
                                                  {"status": "enrolled"})
    assert accept.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "enrolled"


def test_applications_are_refused_where_the_programme_takes_none(client_for, resident, municipality):
    programme = make_programme(municipality, accepts_applications=False)
    response = client_for("alpha.test", resident).post(f"/training/{programme.pk}/apply/",
                                                       {"stakeholder_group": "residents"})
    assert response.status_code == 400
    assert "Програмата не приема заявки сега." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_anonymous_visitors_are_asked_to_log_in_to_apply(client_for, municipality):
    programme = make_programme(municipality, accepts_applications=True)
    anon = client_for("alpha.test")
    assert "Влезте, за да кандидатствате" in anon.get(f"/training/{programme.pk}/").content.decode()
    response = anon.post(f"/training/{programme.pk}/apply/", {"stakeholder_group": "residents"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_trainee_gives_up_their_place_and_it_frees_up(client_for, resident, municipality):
    programme = make_programme(municipality, accepts_applications=True, capacity=1)
    enrolment = enrolments.apply(actor=resident, programme=programme, stakeholder_group="residents")
    response = client_for("alpha.test", resident).post(f"/training/enrolments/{enrolment.pk}/withdraw/")
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "withdrawn"
    enrol(programme, name="Следващ")  # the place is free again
    assert programme.enrolments.filter(status__in=["applied", "enrolled"]).count() == 1


def test_another_resident_cannot_act_on_someone_elses_enrolment(client_for, resident, municipality):
    programme = make_programme(municipality, accepts_applications=True)
    enrolment = enrolments.apply(actor=resident, programme=programme, stakeholder_group="residents")
    other = testing.make_member(municipality, Role.RESIDENT)
    client = client_for("alpha.test", other)
    for url in (f"/training/enrolments/{enrolment.pk}/withdraw/", f"/training/enrolments/{enrolment.pk}/role/"):
        assert client.post(url).status_code == 404
    assert client.get(f"/training/enrolments/{enrolment.pk}/feedback/").status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == "applied"


def test_an_organisation_of_another_municipality_is_refused(municipality, other_municipality):
    programme = make_programme(municipality)
    foreign = testing.make_organisation(other_municipality)
    with pytest.raises(ValidationError) as error:
        enrol(programme, organisation=foreign)
    assert [e.code for e in error.value.error_dict["organisation"]] == ["foreign"]
    assert not Enrolment.objects.exists()


@testing.concurrency_test
def test_places_hold_when_many_apply_at_once(municipality):
    programme = make_programme(municipality, accepts_applications=True, capacity=20)
    people = [testing.make_member(municipality, Role.RESIDENT) for _n in range(30)]
    results = testing.at_once([lambda person=person: enrolments.apply(actor=person, programme=programme,
                                                                      stakeholder_group="residents")
                               for person in people])
    outcomes = [result.code if isinstance(result, ValidationError) else "in" for result in results]
    assert not [result for result in results if isinstance(result, Exception)
                and not isinstance(result, ValidationError)]
    assert outcomes.count("in") == 20 and outcomes.count("full") == 10
    assert programme.enrolments.filter(status="applied").count() == 20
