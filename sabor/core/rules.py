import rules

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role

rules.add_perm("core.view_audit_log", has_role(Role.ADMINISTRATOR, Role.ME_OFFICER))
rules.add_perm("core.edit_municipality", has_role(Role.ADMINISTRATOR))
