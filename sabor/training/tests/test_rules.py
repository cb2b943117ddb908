"""Each permission of a person taking part in training, over personas × states: the
predicate in every cell, and the page or service refusing the same way in a row per action."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.training.models import Enrolment, Feedback, Programme
from sabor.training.services import assessments, completion, enrolments
from sabor.training.services import feedback as feedback_service
from sabor.training.testing import answers, enrol, make_programme, make_test

pytestmark = pytest.mark.django_db

# "participant" is on the programme (or owns the enrolment) under test; "superuser" is the
# platform operator, whom Django's own has_perm would let through every state rule.
PERSONAS = ["anonymous", "resident", "participant", "staff", "administrator", "elsewhere", "superuser"]
RATINGS = {"relevance": 5, "trainers": 4, "materials": 4, "organisation": 5, "usefulness": 5}


def person(name: str, municipality, other_municipality):
    if name == "anonymous":
        return AnonymousUser()
    if name == "superuser":
        return testing.make_user(is_staff=True, is_superuser=True)
    if name == "elsewhere":
        return testing.make_member(other_municipality, Role.RESIDENT)
    role = {"staff": Role.STAFF, "administrator": Role.ADMINISTRATOR}.get(name, Role.RESIDENT)
    return testing.make_member(municipality, role)


# --- Applying -------------------------------------------------------------------------------------------------

APPLY_STATES = ["open with places", "open and full", "not taking applications", "under way"]


def programme_in(state: str, municipality, user=None) -> Programme:
    """A programme in `state`; a participant `user` holds one of its places."""
    fields = {"capacity": 1 if state == "open and full" else 5,
              "accepts_applications": state != "not taking applications",
              "status": Programme.Status.RUNNING if state == "under way" else Programme.Status.OPEN}
    programme = make_programme(municipality, **fields)
    if user is not None:
        enrol(programme, user=user)
    elif state == "open and full":
        enrol(programme)
    return programme


# Who may apply: anyone signed in, while the programme takes applications, they hold no
# place on it and a place is left.
MAY_APPLY = {"open with places": {"resident", "staff", "administrator", "elsewhere", "superuser"}}


@pytest.mark.parametrize("state", APPLY_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_apply(persona, state, municipality, other_municipality):
    user = person(persona, municipality, other_municipality)
    programme = programme_in(state, municipality, user if persona == "participant" else None)
    assert rules.has_perm("training.apply", user, programme) == (persona in MAY_APPLY.get(state, set()))


@pytest.mark.parametrize(("state", "code", "message"), [
    ("open with places", None, None),
    ("open and full", "full", "Всички 1 места на програмата са заети."),
    ("not taking applications", "closed", "Програмата не приема заявки сега."),
    ("under way", "closed", "Програмата не приема заявки сега."),
])
def test_the_apply_page_and_service_refuse_as_the_rule_does(client_for, resident, municipality, state, code,
                                                            message):
    programme = programme_in(state, municipality)
    client = client_for("alpha.test", resident)
    form_shown = f"/training/{programme.pk}/apply/" in client.get(f"/training/{programme.pk}/").content.decode()
    assert form_shown == (code is None)
    response = client.post(f"/training/{programme.pk}/apply/", {"stakeholder_group": "residents"})
    if code is None:
        assert response.status_code == 302
        assert programme.enrolments.get(user=resident).status == Enrolment.Status.APPLIED
        with pytest.raises(ValidationError) as refused:  # a second time: already on the list
            enrolments.apply(actor=resident, programme=programme, stakeholder_group="residents")
        assert refused.value.code == "duplicate"
    else:
        assert response.status_code == 400 and message in response.content.decode()
        with pytest.raises(ValidationError) as refused:
            enrolments.apply(actor=resident, programme=programme, stakeholder_group="residents")
        assert refused.value.code == code


def test_a_superuser_is_held_to_the_programmes_state(municipality):
    operator = testing.make_user(is_staff=True, is_superuser=True)
    programme = programme_in("not taking applications", municipality)
    assert operator.has_perm("training.apply", programme)  # Django's bypass, which the services do not use
    with pytest.raises(ValidationError) as refused:
        enrolments.apply(actor=operator, programme=programme, stakeholder_group="residents")
    assert refused.value.code == "closed"


# --- Giving up a place, answering a role offer, evaluating: on the participant's enrolment ---------------------

ENROLMENT_STATES = ["applied", "enrolled", "completed", "withdrawn", "declined"]


def enrolment_of(municipality, owner, status: str, **fields) -> Enrolment:
    programme = make_programme(municipality, offers_role=Role.CIVIC_MONITOR)
    enrolment = enrol(programme, user=owner if owner.is_authenticated else None, name="Трети")
    Enrolment.objects.filter(pk=enrolment.pk).update(status=status, **fields)
    return Enrolment.objects.get(pk=enrolment.pk)


def owner_and_user(persona, municipality, other_municipality):
    """The enrolment belongs to the participant; every other persona looks at someone else's."""
    user = person(persona, municipality, other_municipality)
    owner = user if persona == "participant" else testing.make_member(municipality, Role.RESIDENT)
    return owner, user


@pytest.mark.parametrize("status", ENROLMENT_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_withdraw(persona, status, municipality, other_municipality):
    owner, user = owner_and_user(persona, municipality, other_municipality)
    enrolment = enrolment_of(municipality, owner, status)
    expected = persona == "participant" and status in ("applied", "enrolled")
    assert rules.has_perm("training.withdraw", user, enrolment) == expected


@pytest.mark.parametrize("status", ENROLMENT_STATES)
def test_giving_up_a_place_is_refused_by_page_and_service_as_the_rule_does(client_for, municipality, resident,
                                                                          status):
    enrolment = enrolment_of(municipality, resident, status)
    allowed = status in ("applied", "enrolled")
    response = client_for("alpha.test", resident).post(f"/training/enrolments/{enrolment.pk}/withdraw/")
    assert response.status_code == (302 if allowed else 400)
    if allowed:
        assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.WITHDRAWN
    else:
        assert "От това място не може да се откажете сега." in response.content.decode()
        with pytest.raises(ValidationError) as refused:
            enrolments.withdraw(actor=resident, enrolment=enrolment)
        assert refused.value.code == "wrong_status"


def test_nobody_gives_up_someone_elses_place(client_for, municipality, resident, staff):
    enrolment = enrolment_of(municipality, resident, "enrolled")
    assert client_for("alpha.test", staff).post(f"/training/enrolments/{enrolment.pk}/withdraw/").status_code == 404
    with pytest.raises(ValidationError) as refused:
        enrolments.withdraw(actor=staff, enrolment=enrolment)
    assert refused.value.code == "wrong_status"


OFFER_STATES = ["offered", "accepted", "declined", "none"]


@pytest.mark.parametrize("offer", OFFER_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_answer_role_offer(persona, offer, municipality, other_municipality):
    owner, user = owner_and_user(persona, municipality, other_municipality)
    enrolment = enrolment_of(municipality, owner, "completed", role_offer="" if offer == "none" else offer)
    expected = persona == "participant" and offer == "offered"
    assert rules.has_perm("training.answer_role_offer", user, enrolment) == expected


@pytest.mark.parametrize("offer", OFFER_STATES)
def test_a_role_offer_is_answered_once_on_the_page_and_in_the_service(client_for, municipality, resident, offer):
    enrolment = enrolment_of(municipality, resident, "completed", role_offer="" if offer == "none" else offer)
    client = client_for("alpha.test", resident)
    response = client.post(f"/training/enrolments/{enrolment.pk}/role/", {"answer": "decline"})
    assert response.status_code == (302 if offer == "offered" else 400)
    with pytest.raises(ValidationError) as refused:  # answered now, if it was not before
        completion.answer_role_offer(actor=resident, enrolment=enrolment, accept=True)
    assert refused.value.code == "no_offer"


@pytest.mark.parametrize("given", [False, True], ids=["not yet evaluated", "evaluated"])
@pytest.mark.parametrize("status", ENROLMENT_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_give_feedback(persona, status, given, municipality, other_municipality):
    owner, user = owner_and_user(persona, municipality, other_municipality)
    enrolment = enrolment_of(municipality, owner, status)
    if given:
        Feedback.objects.create(enrolment=enrolment, **RATINGS)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)
    expected = persona == "participant" and status in ("enrolled", "completed") and not given
    assert rules.has_perm("training.give_feedback", user, enrolment) == expected


@pytest.mark.parametrize("status", ENROLMENT_STATES)
def test_evaluating_is_refused_by_page_and_service_as_the_rule_does(client_for, municipality, resident, status):
    enrolment = enrolment_of(municipality, resident, status)
    client = client_for("alpha.test", resident)
    allowed = status in ("enrolled", "completed")
    mine = client.get("/training/mine/").content.decode()
    assert (f"/training/enrolments/{enrolment.pk}/feedback/" in mine) == allowed
    response = client.post(f"/training/enrolments/{enrolment.pk}/feedback/", RATINGS)
    assert response.status_code == (302 if allowed else 400)
    with pytest.raises(ValidationError) as refused:  # once given, never again; never before taking part
        feedback_service.give_feedback(actor=resident, enrolment=enrolment, **RATINGS)
    assert refused.value.code == ("duplicate" if allowed else "not_trainee")
    if allowed:
        assert "Благодарим за оценката." in client.get("/training/mine/").content.decode()


# --- Taking a test: on the test, for the person taking it -------------------------------------------------------

TEST_STATES = ["open", "closed", "taken"]


@pytest.mark.parametrize("status", ["applied", "enrolled", "completed", "withdrawn"])
@pytest.mark.parametrize("state", TEST_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_take_test(persona, state, status, municipality, other_municipality):
    user = person(persona, municipality, other_municipality)
    programme = make_programme(municipality)
    test = make_test(programme, kind="pre", is_open=state != "closed")
    if persona == "participant":
        enrolment = enrol(programme, user=user)
        if state == "taken":
            assessments.hand_in(actor=user, enrolment=enrolment, assessment=test, answers=answers(test, 1))
        Enrolment.objects.filter(pk=enrolment.pk).update(status=status)
    expected = persona == "participant" and state == "open" and status in ("enrolled", "completed")
    assert rules.has_perm("training.take_test", user, test) == expected


@pytest.mark.parametrize(("state", "status", "code"), [
    ("open", "enrolled", None),
    ("closed", "enrolled", "closed"),
    ("taken", "enrolled", "duplicate"),
    ("open", "applied", "not_trainee"),
])
def test_a_test_is_refused_by_page_and_service_as_the_rule_does(client_for, municipality, resident, state, status,
                                                                code):
    programme = make_programme(municipality)
    test = make_test(programme, kind="pre", is_open=state != "closed")
    enrolment = enrol(programme, user=resident)
    if state == "taken":
        assessments.hand_in(actor=resident, enrolment=enrolment, assessment=test, answers=answers(test, 1))
    Enrolment.objects.filter(pk=enrolment.pk).update(status=status)
    url = f"/training/enrolments/{enrolment.pk}/test/pre/"
    response = client_for("alpha.test", resident).post(url, {f"q{q.pk}": a for q, a in zip(
        test.questions.all(), answers(test, 1).values(), strict=True)})
    if code is None:
        assert response.status_code == 302 and test.attempts.count() == 1
        return
    expected_status = {"closed": 404, "duplicate": 302, "not_trainee": 400}[code]
    assert response.status_code == expected_status
    with pytest.raises(ValidationError) as refused:
        assessments.hand_in(actor=resident, enrolment=enrolment, assessment=test, answers=answers(test, 1))
    assert refused.value.code == code
