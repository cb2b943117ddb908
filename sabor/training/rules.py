import rules

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role

# Municipal staff run trainings; the M&E officer owns the methodology they teach.
rules.add_perm("training.manage", has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR))
