"""Who may do what in monitoring, and in which state of the thing: declared once, checked by the
views (``request.user.has_perm``), the templates (flags the views compute with the same call)
and the services (``rules.test_rule`` on the state rules below, for whoever acts, Sabor included)."""

import rules

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role
from sabor.core.decorators import needs_two_factor

is_me = has_role(Role.ME_OFFICER, Role.ADMINISTRATOR)

rules.add_perm("monitoring.edit_indicator", is_me)
rules.add_perm("monitoring.enter_measurement", has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR))
rules.add_perm("monitoring.verify_measurement", has_role(Role.ME_OFFICER))
rules.add_perm("monitoring.edit_methodology", is_me)
rules.add_perm("monitoring.evaluate", is_me)
rules.add_perm("monitoring.follow_up", has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR))
rules.add_perm("monitoring.observe", has_role(Role.CIVIC_MONITOR))


# A civic monitor observes or challenges the values of an indicator the public can see.
@rules.predicate
def indicator_is_public(user, indicator) -> bool:
    return indicator is not None and indicator.publicly_visible


rules.add_perm("monitoring.observe_indicator", has_role(Role.CIVIC_MONITOR) & indicator_is_public)
rules.add_perm("monitoring.answer_observation", is_me)

# Annual reports: staff prepare them; the council reads them once submitted; everyone once
# published. One predicate decides who may read a report, its page, list entry and files.
@rules.predicate
def has_two_factor(user) -> bool:
    """Staff read what is not public yet only as they would reach the back office: with two-factor
    authentication, so a stolen password alone opens no draft."""
    return not needs_two_factor(user)


may_prepare_report = has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR) & has_two_factor
is_councillor = has_role(Role.COUNCILLOR)


@rules.predicate
def report_is_public(user, report) -> bool:
    return report is not None and report.publicly_visible


@rules.predicate
def report_is_before_council(user, report) -> bool:
    return report is not None and report.stage != report.Stage.DRAFT


rules.add_perm("monitoring.view_report", report_is_public | may_prepare_report
               | (is_councillor & report_is_before_council))
rules.add_perm("monitoring.manage_report", is_me)


# Only a draft report is edited or generated; once before the council it is returned to draft first.
@rules.predicate
def report_is_draft(user, report) -> bool:
    return report is not None and report.stage == report.Stage.DRAFT


rules.add_rule("monitoring.report_editable", report_is_draft)
rules.add_perm("monitoring.edit_report", is_me & report_is_draft)


# Per value. Four eyes (the methodology): a value is verified by someone other than
# whoever entered it, so the M&E officer cannot verify their own; a draft, not yet
# part of the record, may be deleted by whoever entered it.
@rules.predicate
def entered_it(user, measurement) -> bool:
    entered_by = getattr(measurement, "entered_by_id", None)
    return entered_by is not None and entered_by == getattr(user, "pk", None)


@rules.predicate
def is_draft(user, measurement) -> bool:
    return getattr(measurement, "status", None) == "draft"


@rules.predicate
def is_editable(user, measurement) -> bool:
    """A draft, or a value returned for correction; a submitted or verified one is part of the record."""
    return getattr(measurement, "status", None) in ("draft", "returned")


@rules.predicate
def is_submitted(user, measurement) -> bool:
    return getattr(measurement, "status", None) == "submitted"


def _in_its_municipality(predicate):
    @rules.predicate(name=f"of_its_municipality({predicate.name})")
    def check(user, measurement) -> bool:
        indicator = getattr(measurement, "indicator", None)
        return indicator is not None and predicate(user, indicator.municipality)

    return check


may_enter = has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR)

# The state rules, whoever acts: the services refuse what they forbid.
rules.add_rule("monitoring.measurement_editable", is_editable)
rules.add_rule("monitoring.entered_the_measurement", entered_it)
rules.add_rule("monitoring.own_draft", entered_it & is_draft)

rules.add_perm("monitoring.submit_this_measurement", _in_its_municipality(may_enter) & is_editable)
rules.add_perm("monitoring.verify_this_measurement",
               _in_its_municipality(has_role(Role.ME_OFFICER)) & is_submitted & ~entered_it)
rules.add_perm("monitoring.delete_measurement", _in_its_municipality(may_enter) & entered_it & is_draft)
