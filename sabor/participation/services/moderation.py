"""Reports of abusive content and the moderators' decisions: hide or restore, always
with a reason, always in the audit log."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.permissions import Refusal, require
from sabor.participation import pages
from sabor.participation.models import Comment, Idea, Report
from sabor.participation.rules import is_visible


def _target(idea: Idea | None, comment: Comment | None):
    if (idea is None) == (comment is None):
        raise ValueError("Report either an idea or a comment.")
    return idea if idea is not None else comment


@transaction.atomic
def report(*, actor, reason: str, text: str = "", idea: Idea | None = None, comment: Comment | None = None) -> Report:
    target = _target(idea, comment)
    municipality = (idea or comment.idea).municipality
    require("participation.report_content", actor, target,
            Refusal(is_visible, _("This has already been hidden."), "hidden"))
    item = Report(municipality=municipality, idea=idea, comment=comment, reporter=actor, reason=reason, text=text)
    item.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError(_("You have already reported this; the moderators will look at it."),
                              code="duplicate") from None
    return item


def _set_hidden(*, actor, target, hidden: bool, reason: str) -> None:
    if not reason.strip():
        raise field_error("reason", _("Give the reason; the author and the public will see it."), "required")
    municipality = target.municipality if isinstance(target, Idea) else target.idea.municipality
    target.is_hidden, target.hidden_reason = hidden, reason if hidden else ""
    target.save(update_fields=["is_hidden", "hidden_reason"])
    pages.changed(municipality)
    what = _("idea") if isinstance(target, Idea) else _("comment #%(number)s") % {"number": target.pk}
    audit.record(actor=actor, action="participation.hidden" if hidden else "participation.restored",
                 obj=target if isinstance(target, Idea) else target.idea, municipality=municipality,
                 changes={"hidden": [str(what), reason]})


@transaction.atomic
def decide(*, actor, report: Report, hide: bool, reason: str = "") -> Report:
    """Hides the reported content (with a reason) or dismisses the report; every open
    report of the same content is settled with it."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise ValidationError(_("This report has already been decided."), code="decided")
    target = report.idea or report.comment
    if hide:
        _set_hidden(actor=actor, target=target, hidden=True, reason=reason)
    same = Report.objects.filter(status=Report.Status.OPEN, idea=report.idea, comment=report.comment)
    same.update(status=Report.Status.HIDDEN if hide else Report.Status.DISMISSED, decided_by=actor,
                decided_at=timezone.now())
    if not hide:
        audit.record(actor=actor, action="participation.report_dismissed",
                     obj=report.idea or report.comment.idea, municipality=report.municipality)
    report.refresh_from_db()
    return report


@transaction.atomic
def restore(*, actor, reason: str, idea: Idea | None = None, comment: Comment | None = None) -> None:
    target = _target(idea, comment)
    if not target.is_hidden:
        raise ValidationError(_("This is not hidden."), code="not_hidden")
    _set_hidden(actor=actor, target=target, hidden=False, reason=reason)
