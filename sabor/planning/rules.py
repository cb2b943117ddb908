"""Who may do what with plans and projects."""

import rules

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role

rules.add_perm("planning.edit_plan", has_role(Role.ME_OFFICER, Role.ADMINISTRATOR))
