"""Ideas: submitting and editing them, supports, following, comments, and the
municipality's answer. Supports and comments are counted in the same transaction as
the rows they count, so the counters on every list stay exact."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sabor.accounts import services as accounts
from sabor.accounts.models import OrganisationMember, User
from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.models import Municipality
from sabor.core.permissions import Refusal, require
from sabor.core.validators import check_file_size
from sabor.participation import pages, text
from sabor.participation.models import Comment, Follow, Idea, IdeaAttachment, IdeaTerm, Notification, Support
from sabor.participation.rules import (
    is_visible,
    process_takes_ideas,
    takes_supports,
)
from sabor.participation.services.notifications import notify

MAX_ATTACHMENT_MB = 10
IDEA_FIELDS = ["title", "description", "settlement", "place", "plan_node", "estimated_cost", "beneficiaries",
               "partners_needed", "ppp_potential", "process", "meeting", "organisation", "proposer_name"]
EDITABLE_BY_AUTHOR = ["title", "description", "settlement", "place", "plan_node", "estimated_cost", "beneficiaries",
                      "partners_needed", "ppp_potential"]
# The answers staff may give, and what each needs.
ANSWERS = {Idea.Status.UNDER_REVIEW, Idea.Status.ACCEPTED, Idea.Status.MERGED, Idea.Status.REJECTED,
           Idea.Status.PRIORITISED, Idea.Status.IN_PLAN}


def _check_own(municipality: Municipality, fields: dict[str, Any]) -> None:
    for name in ("process", "meeting", "organisation", "settlement"):
        value = fields.get(name)
        if value is not None and value.municipality_id != municipality.pk:
            raise field_error(name, _("That belongs to another municipality."), "foreign")
    node = fields.get("plan_node")
    if node is not None and node.plan.municipality_id != municipality.pk:
        raise field_error("plan_node", _("That belongs to another municipality."), "foreign")


def index(idea: Idea) -> None:
    """Stores the idea's words for search and similarity."""
    title_terms = text.terms(idea.title)
    body_terms = [t for t in text.terms(idea.description) if t not in title_terms]
    IdeaTerm.objects.filter(idea=idea).delete()
    IdeaTerm.objects.bulk_create([IdeaTerm(idea=idea, term=t, in_title=True) for t in title_terms]
                                 + [IdeaTerm(idea=idea, term=t) for t in body_terms])


def _follow(idea: Idea, user: User | None) -> None:
    if user is not None:
        Follow.objects.get_or_create(idea=idea, user=user)


def _attach(idea: Idea, attachment) -> None:
    """Stores a file with the idea: a document or picture of at most 10 MB."""
    if attachment is None:
        return
    check_file_size(attachment, field="attachment", megabytes=MAX_ATTACHMENT_MB)
    item = IdeaAttachment(idea=idea, title=attachment.name[:250], file=attachment)
    try:
        item.full_clean()
        item.save()  # a storage failure is an error of the field too (core.files)
    except ValidationError as error:
        raise ValidationError({"attachment": [ValidationError(message, code="bad_type")
                                              for message in error.messages]}) from None


@transaction.atomic
def submit(*, actor: User, municipality: Municipality, attachment=None, **fields: Any) -> Idea:
    """A resident submits an idea, for themselves or on behalf of an organisation they represent."""
    _check_own(municipality, fields)
    organisation = fields.get("organisation")
    if organisation is not None and not OrganisationMember.objects.filter(
            organisation=organisation, user=actor, is_representative=True).exists():
        raise field_error("organisation", _("You can submit on behalf of an organisation you represent."),
                          "not_representative")
    require("participation.propose_idea", actor, fields.get("process"),
            Refusal(process_takes_ideas, _("This process does not take ideas now."), "closed", field="process"))
    idea = audit.create(Idea(municipality=municipality, author=actor, **fields), actor=actor,
                        action="participation.idea_submitted", municipality=municipality)
    _attach(idea, attachment)
    index(idea)
    _follow(idea, actor)
    accounts.join_municipality(user=actor, municipality=municipality)
    pages.changed(municipality)
    return idea


@transaction.atomic
def record(*, actor, municipality: Municipality, proposer_name: str, attachment=None, **fields: Any) -> Idea:
    """Staff record an idea that came up at a forum or reached the municipality on paper."""
    _check_own(municipality, fields)
    if not proposer_name.strip():
        raise field_error("proposer_name", _("Say who proposed the idea."), "required")
    idea = audit.create(Idea(municipality=municipality, proposer_name=proposer_name, **fields), actor=actor,
                        action="participation.idea_recorded", municipality=municipality)
    _attach(idea, attachment)
    index(idea)
    pages.changed(municipality)
    return idea


@transaction.atomic
def edit(*, actor: User, idea: Idea, **fields: Any) -> Idea:
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not rules.has_perm("participation.edit_idea", actor, idea):
        # Not the author, taken up already or too late: one answer, the rule as people know it.
        raise ValidationError(_("An idea can be changed by its author within 48 hours, before the municipality "
                                "takes it up."), code="edit_window_closed")
    _check_own(idea.municipality, fields)
    audit.save_changes(idea, actor=actor, action="participation.idea_edited", editable=EDITABLE_BY_AUTHOR,
                       values=fields, municipality=idea.municipality)
    index(idea)
    pages.changed(idea.municipality)
    return idea


def _hidden() -> Refusal:
    return Refusal(is_visible, _("This idea has been hidden by a moderator."), "hidden")


@transaction.atomic
def support(*, actor: User, idea: Idea) -> bool:
    """Supports the idea; True if this call added the support. The unique constraint
    settles any race: a second support of the same person is refused by the database."""
    require("participation.support_idea", actor, idea, _hidden(),
            Refusal(takes_supports, _("This idea no longer takes supports."), "closed"))
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=actor)
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(supports_count=F("supports_count") + 1)
    _follow(idea, actor)
    pages.changed(idea.municipality)
    return True


@transaction.atomic
def withdraw_support(*, actor: User, idea: Idea) -> bool:
    require("participation.withdraw_support", actor, idea)
    deleted, _rows = Support.objects.filter(idea=idea, user=actor).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk).update(supports_count=F("supports_count") - 1)
        pages.changed(idea.municipality)
    return bool(deleted)


@transaction.atomic
def follow(*, actor: User, idea: Idea, on: bool) -> None:
    require("participation.follow_idea", actor, idea)
    if on:
        _follow(idea, actor)
    else:
        Follow.objects.filter(idea=idea, user=actor).delete()


def _idea_url(idea: Idea, anchor: str = "") -> str:
    return reverse("participation:idea_detail", args=[idea.pk]) + (f"#{anchor}" if anchor else "")


@transaction.atomic
def comment(*, actor: User, idea: Idea, body: str, parent: Comment | None = None,
            is_official: bool = False) -> Comment:
    require("participation.comment_idea", actor, idea, _hidden())
    if parent is not None and (parent.idea_id != idea.pk or parent.is_hidden):
        raise ValidationError(_("You can reply only to a visible comment on this idea."), code="bad_parent")
    item = Comment(idea=idea, parent=parent, author=actor, body=body, is_official=is_official)
    item.full_clean()
    item.save()
    Idea.objects.filter(pk=idea.pk).update(comments_count=F("comments_count") + 1)
    audit.record(actor=actor, action="participation.commented", obj=idea, municipality=idea.municipality)
    watchers = set(User.objects.filter(follows__idea=idea).exclude(pk=actor.pk))
    if parent is not None and parent.author_id and parent.author_id != actor.pk:
        watchers.add(parent.author)
    notify(users=watchers, municipality=idea.municipality, url=_idea_url(idea, f"comment-{item.pk}"), actor=actor,
           message=lambda user: gettext_lazy("New comment on “%(idea)s” by %(name)s.")
           % {"idea": idea.title, "name": Notification.ACTOR})
    _follow(idea, actor)
    pages.changed(idea.municipality)
    return item


@transaction.atomic
def answer(*, actor, idea: Idea, status: str, answer: str, merged_into: Idea | None = None,
           project=None) -> Idea:
    """The municipality's official answer and the idea's new status, told to its followers."""
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if status not in ANSWERS:
        raise field_error("status", _("Choose the idea's new status."), "invalid")
    if not answer.strip():
        raise field_error("answer", _("Write the answer that people will read."), "required")
    if status == Idea.Status.MERGED:
        if merged_into is None or merged_into.pk == idea.pk or merged_into.municipality_id != idea.municipality_id:
            raise field_error("merged_into", _("Choose the idea this one is merged into."), "required")
    else:
        merged_into = None
    if status == Idea.Status.IN_PLAN:
        if project is None or project.municipality_id != idea.municipality_id:
            raise field_error("project", _("Choose the plan's project that takes the idea up."), "required")
    elif project is not None and project.municipality_id != idea.municipality_id:
        raise field_error("project", _("That belongs to another municipality."), "foreign")
    audit.save_changes(idea, actor=actor, action="participation.idea_answered",
                       editable=["status", "answer", "merged_into", "project", "answered_at"],
                       values={"status": status, "answer": answer, "merged_into": merged_into, "project": project,
                               "answered_at": timezone.now()}, municipality=idea.municipality)
    followers = User.objects.filter(follows__idea=idea)
    notify(users=followers, municipality=idea.municipality, url=_idea_url(idea, "answer"),
           message=lambda user: gettext_lazy("The municipality has answered “%(idea)s”: %(status)s.")
           % {"idea": idea.title, "status": idea.get_status_display()})
    pages.changed(idea.municipality)
    return idea
