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


# Per value. Four eyes (the methodology): a value is verified by someone other than
# whoever entered it, so the M&E officer cannot verify their own; a draft, not yet
# part of the record, may be deleted by whoever entered it.
@rules.predicate
def entered_it(user, measurement) -> bool:
    return getattr(measurement, "entered_by_id", None) is not None and measurement.entered_by_id == user.pk


@rules.predicate
def is_draft(user, measurement) -> bool:
    return getattr(measurement, "status", None) == "draft"


def _in_its_municipality(predicate):
    @rules.predicate(name=f"of_its_municipality({predicate.name})")
    def check(user, measurement) -> bool:
        indicator = getattr(measurement, "indicator", None)
        return indicator is not None and predicate(user, indicator.municipality)

    return check


rules.add_perm("monitoring.verify_this_measurement",
               _in_its_municipality(has_role(Role.ME_OFFICER)) & ~entered_it)
rules.add_perm("monitoring.delete_measurement",
               _in_its_municipality(has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR)) & entered_it & is_draft)
