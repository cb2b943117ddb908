import rules

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role

# Staff run processes and forums, check people in and answer ideas; moderators handle reports.
rules.add_perm("participation.manage", has_role(Role.STAFF, Role.ADMINISTRATOR))
rules.add_perm("participation.moderate", has_role(Role.MODERATOR, Role.ADMINISTRATOR))
