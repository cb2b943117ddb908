"""Every citizen action of participation over personas × states: each cell asserts the
permission, and for each action at least one row asserts that the page or the service
refuses as the permission says."""

from __future__ import annotations

from datetime import timedelta

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sabor.accounts import testing
from sabor.accounts.models import Role, StakeholderGroup
from sabor.participation.models import Comment, Idea, Registration
from sabor.participation.services import ideas, moderation, registrations
from sabor.participation.testing import make_idea, make_meeting, make_process

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "author", "resident", "outsider", "moderator", "staff"]
SIGNED_IN = set(PERSONAS) - {"anonymous"}


@pytest.fixture
def author(municipality):
    return testing.make_member(municipality, Role.RESIDENT)


@pytest.fixture
def people(municipality, other_municipality, author):
    """Each persona, made when a test asks for it: the author of the idea (or holder of the
    registration), another resident, a resident of another municipality, a moderator, staff."""
    made = {}

    def person(name: str):
        if name not in made:
            made[name] = {
                "anonymous": AnonymousUser,
                "author": lambda: author,
                "resident": lambda: testing.make_member(municipality, Role.RESIDENT),
                "outsider": lambda: testing.make_member(other_municipality, Role.RESIDENT),
                "moderator": lambda: testing.make_member(municipality, Role.MODERATOR, group="administration"),
                "staff": lambda: testing.make_member(municipality, Role.STAFF, group="administration"),
            }[name]()
        return made[name]

    return person


# --- Ideas in their states -------------------------------------------------------------------------------------

IDEA_STATES = ["fresh", "outside_window", "answered", "hidden", "rejected"]


def idea_in(state: str, municipality, author) -> Idea:
    idea = make_idea(municipality, author)
    changes = {
        "fresh": {},
        "outside_window": {"created_at": timezone.now() - timedelta(hours=49)},
        "answered": {"status": Idea.Status.UNDER_REVIEW, "answer": "Разглеждаме я."},
        "hidden": {"is_hidden": True, "hidden_reason": "обидно"},
        "rejected": {"status": Idea.Status.REJECTED, "answer": "Не е по силите ни."},
    }[state]
    if changes:
        Idea.objects.filter(pk=idea.pk).update(**changes)
        idea.refresh_from_db()
    return idea


def _cell(perm: str, persona: str, state: str, municipality, author, people) -> bool:
    idea = idea_in(state, municipality, author)
    return rules.has_perm(perm, people(persona), idea)


@pytest.mark.parametrize("state", IDEA_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_author_edits_an_unanswered_idea_within_48_hours(persona, state, municipality, author, people):
    expected = persona == "author" and state in ("fresh", "hidden")
    assert _cell("participation.edit_idea", persona, state, municipality, author, people) is expected


@pytest.mark.parametrize("state", IDEA_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_supports_a_visible_idea_that_takes_supports(persona, state, municipality, author,
                                                                      people):
    # Supporting one's own idea is not forbidden today.
    expected = persona in SIGNED_IN and state in ("fresh", "outside_window", "answered")
    assert _cell("participation.support_idea", persona, state, municipality, author, people) is expected


@pytest.mark.parametrize("state", IDEA_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_comments_on_a_visible_idea(persona, state, municipality, author, people):
    expected = persona in SIGNED_IN and state != "hidden"
    assert _cell("participation.comment_idea", persona, state, municipality, author, people) is expected


@pytest.mark.parametrize("state", IDEA_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_reports_a_visible_idea(persona, state, municipality, author, people):
    expected = persona in SIGNED_IN and state != "hidden"
    assert _cell("participation.report_content", persona, state, municipality, author, people) is expected


@pytest.mark.parametrize("state", IDEA_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_follows_an_idea_and_withdraws_a_support(persona, state, municipality, author, people):
    expected = persona in SIGNED_IN
    assert _cell("participation.follow_idea", persona, state, municipality, author, people) is expected
    assert rules.has_perm("participation.withdraw_support", people(persona), Idea.objects.get()) is expected


COMMENT_STATES = ["visible", "hidden", "on_a_hidden_idea"]


@pytest.mark.parametrize("state", COMMENT_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_reports_a_visible_comment(persona, state, municipality, author, people):
    idea = make_idea(municipality, author)
    comment = ideas.comment(actor=author, idea=idea, body="Коментар")
    if state == "hidden":
        Comment.objects.filter(pk=comment.pk).update(is_hidden=True)
    if state == "on_a_hidden_idea":
        Idea.objects.filter(pk=idea.pk).update(is_hidden=True)
    comment = Comment.objects.select_related("idea").get(pk=comment.pk)
    expected = persona in SIGNED_IN and state == "visible"
    assert rules.has_perm("participation.report_content", people(persona), comment) is expected


PROCESS_STATES = ["no_process", "call_open", "call_closed", "call_not_yet_open"]


def process_in(state: str, municipality):
    today = timezone.localdate()
    return {
        "no_process": lambda: None,
        "call_open": lambda: make_process(municipality),
        "call_closed": lambda: make_process(municipality, ideas_open_from=today - timedelta(days=30),
                                            ideas_open_until=today - timedelta(days=1)),
        "call_not_yet_open": lambda: make_process(municipality, ideas_open_from=today + timedelta(days=1),
                                                  ideas_open_until=today + timedelta(days=30)),
    }[state]()


@pytest.mark.parametrize("state", PROCESS_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_proposes_an_idea_while_the_call_is_open(persona, state, municipality, people):
    expected = persona in SIGNED_IN and state in ("no_process", "call_open")
    assert rules.has_perm("participation.propose_idea", people(persona), process_in(state, municipality)) \
        is expected


# --- Meetings in their states ----------------------------------------------------------------------------------

MEETING_STATES = ["with_places", "full", "already_registered", "registration_closed", "started", "past",
                  "cancelled"]


def meeting_in(state: str, municipality, person):
    now = timezone.now()
    fields = {
        "with_places": {"capacity": 10},
        "full": {"capacity": 1},
        "already_registered": {"capacity": 10},
        "registration_closed": {"registration_closes_at": now - timedelta(hours=1)},
        "started": {"days": 0, "starts_at": now - timedelta(hours=1), "ends_at": now + timedelta(hours=2)},
        "past": {"days": -3},
        "cancelled": {"is_cancelled": True},
    }[state]
    meeting = make_meeting(municipality, **fields)
    if state == "full":
        registrations.register(actor=testing.make_member(municipality, Role.RESIDENT), meeting=meeting,
                                stakeholder_group=StakeholderGroup.RESIDENTS)
    if state == "already_registered" and person.is_authenticated:
        registrations.register(actor=person, meeting=meeting, stakeholder_group=StakeholderGroup.RESIDENTS)
    return meeting


@pytest.mark.parametrize("state", MEETING_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_signed_in_registers_while_registration_is_open_and_a_full_meeting_has_a_waiting_list(
        persona, state, municipality, people):
    person = people(persona)
    meeting = meeting_in(state, municipality, person)
    expected = persona in SIGNED_IN and state in ("with_places", "full")
    assert rules.has_perm("participation.register_for_meeting", person, meeting) is expected


REGISTRATION_STATES = ["registered", "waiting", "cancelled", "meeting_past"]


def registration_in(state: str, municipality, holder) -> Registration:
    meeting = make_meeting(municipality, days=-3 if state == "meeting_past" else 7)
    status = {"waiting": Registration.Status.WAITING, "cancelled": Registration.Status.CANCELLED}.get(
        state, Registration.Status.REGISTERED)
    return Registration.objects.create(meeting=meeting, user=holder, name=holder.public_name, email=holder.email,
                                       stakeholder_group=StakeholderGroup.RESIDENTS, status=status)


@pytest.mark.parametrize("state", REGISTRATION_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_holder_cancels_an_active_registration_before_the_meeting_is_over(
        persona, state, municipality, author, people):
    registration = registration_in(state, municipality, author)
    expected = persona == "author" and state in ("registered", "waiting")
    assert rules.has_perm("participation.cancel_registration", people(persona), registration) is expected


# --- The pages and services refuse as the permissions say -----------------------------------------------------

def _code(error: ValidationError, field: str | None = None) -> str:
    return (error.error_dict[field] if field else error.error_list)[0].code


def test_edit_is_refused_by_page_and_service_outside_the_window_and_to_others(client_for, municipality, author):
    late = idea_in("outside_window", municipality, author)
    answered = idea_in("answered", municipality, author)
    other = testing.make_member(municipality, Role.RESIDENT)
    for idea in (late, answered):
        assert client_for("alpha.test", author).get(f"/ideas/{idea.pk}/edit/").status_code == 302
        page = client_for("alpha.test", author).get(f"/ideas/{idea.pk}/").content.decode()
        assert f"/ideas/{idea.pk}/edit/" not in page
        with pytest.raises(ValidationError) as refused:
            ideas.edit(actor=author, idea=idea, title="Късно")
        assert _code(refused.value) == "edit_window_closed"
    fresh = idea_in("fresh", municipality, author)
    assert client_for("alpha.test", other).get(f"/ideas/{fresh.pk}/edit/").status_code == 404
    with pytest.raises(ValidationError) as refused:
        ideas.edit(actor=other, idea=fresh, title="Чужда")
    assert _code(refused.value) == "edit_window_closed"
    assert f"/ideas/{fresh.pk}/edit/" in client_for("alpha.test", author).get(f"/ideas/{fresh.pk}/").content.decode()


def test_support_is_refused_for_a_rejected_or_hidden_idea(client_for, municipality, author):
    resident = testing.make_member(municipality, Role.RESIDENT)
    rejected = idea_in("rejected", municipality, author)
    page = client_for("alpha.test", resident).get(f"/ideas/{rejected.pk}/").content.decode()
    assert f"/ideas/{rejected.pk}/support/" not in page
    with pytest.raises(ValidationError) as refused:
        ideas.support(actor=resident, idea=rejected)
    assert _code(refused.value) == "closed"
    hidden = idea_in("hidden", municipality, author)
    with pytest.raises(ValidationError) as refused:
        ideas.support(actor=resident, idea=hidden)
    assert _code(refused.value) == "hidden"
    client_for("alpha.test", resident).post(f"/ideas/{rejected.pk}/support/")
    rejected.refresh_from_db()
    assert rejected.supports_count == 0


def test_comment_is_refused_on_a_hidden_idea_and_to_the_anonymous(client_for, municipality, author, anon):
    hidden = idea_in("hidden", municipality, author)
    with pytest.raises(ValidationError) as refused:
        ideas.comment(actor=author, idea=hidden, body="Още")
    assert _code(refused.value) == "hidden"
    fresh = idea_in("fresh", municipality, author)
    response = anon.post(f"/ideas/{fresh.pk}/comment/", {"c-body": "Анонимен"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "/comment/" not in anon.get(f"/ideas/{fresh.pk}/").content.decode()
    assert not Comment.objects.exists()


def test_report_is_refused_for_hidden_content(client_for, municipality, author):
    resident = testing.make_member(municipality, Role.RESIDENT)
    hidden = idea_in("hidden", municipality, author)
    assert client_for("alpha.test", resident).get(f"/ideas/{hidden.pk}/report/").status_code == 404
    with pytest.raises(ValidationError) as refused:
        moderation.report(actor=resident, idea=hidden, reason="spam")
    assert _code(refused.value) == "hidden"


def test_follow_is_refused_to_the_anonymous(municipality, author, anon):
    idea = idea_in("fresh", municipality, author)
    response = anon.post(f"/ideas/{idea.pk}/follow/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    with pytest.raises(PermissionDenied):
        ideas.follow(actor=AnonymousUser(), idea=idea, on=True)
    assert not idea.follows.exclude(user=author).exists()


def test_proposing_is_refused_when_the_call_is_closed(client_for, municipality, author):
    closed = process_in("call_closed", municipality)
    with pytest.raises(ValidationError) as refused:
        make_idea(municipality, author, process=closed)
    assert _code(refused.value, "process") == "closed"
    assert not Idea.objects.exists()


def test_registration_is_refused_by_page_and_service_when_closed_or_duplicate(client_for, municipality, author):
    past = meeting_in("past", municipality, author)
    page = client_for("alpha.test", author).get(f"/meetings/{past.pk}/").content.decode()
    assert f"/meetings/{past.pk}/register/" not in page
    with pytest.raises(ValidationError) as refused:
        registrations.register(actor=author, meeting=past, stakeholder_group=StakeholderGroup.RESIDENTS)
    assert _code(refused.value) == "closed"
    twice = meeting_in("already_registered", municipality, author)
    with pytest.raises(ValidationError) as refused:
        registrations.register(actor=author, meeting=twice, stakeholder_group=StakeholderGroup.RESIDENTS)
    assert _code(refused.value) == "duplicate"
    full = meeting_in("full", municipality, author)
    assert registrations.register(actor=author, meeting=full, stakeholder_group=StakeholderGroup.RESIDENTS) \
        .status == Registration.Status.WAITING


def test_cancelling_is_refused_to_others_and_after_the_meeting(client_for, municipality, author):
    other = testing.make_member(municipality, Role.RESIDENT)
    mine = registration_in("registered", municipality, author)
    with pytest.raises(ValidationError) as refused:
        registrations.cancel(actor=other, registration=mine)
    assert _code(refused.value) == "wrong_status"
    page = client_for("alpha.test", author).get(f"/meetings/{mine.meeting_id}/").content.decode()
    assert f"/meetings/{mine.meeting_id}/cancel/" in page
    over = registration_in("meeting_past", municipality, author)
    page = client_for("alpha.test", author).get(f"/meetings/{over.meeting_id}/").content.decode()
    assert f"/meetings/{over.meeting_id}/cancel/" not in page
    assert client_for("alpha.test", author).post(f"/meetings/{over.meeting_id}/cancel/").status_code == 400
    with pytest.raises(ValidationError) as refused:
        registrations.cancel(actor=author, registration=over)
    assert _code(refused.value) == "past"
