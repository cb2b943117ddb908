import rules

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
