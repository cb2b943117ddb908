import rules
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role

is_me = has_role(Role.ME_OFFICER, Role.ADMINISTRATOR)

rules.add_perm("planning.edit_plan", is_me)
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
    return not settings.SABOR_STAFF_MFA_REQUIRED or is_mfa_enabled(user)


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
