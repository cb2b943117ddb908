from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sabor.accounts import services
from sabor.accounts.models import DERIVED_ROLES, Role, StakeholderGroup, User
from sabor.core.models import Municipality


class Command(BaseCommand):
    help = ("Gives a registered person a role in a municipality — how the platform operator appoints a "
            "municipality's first administrator. The change is written to the audit log.")

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("municipality", help="the municipality's short name (slug)")
        parser.add_argument("role", choices=[role for role in Role.values if role not in DERIVED_ROLES])
        parser.add_argument("--group", choices=StakeholderGroup.values,
                            help="also set the person's stakeholder group")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active account uses {options['email']}; the person signs up first.")
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"No municipality has the short name {options['municipality']!r}.")
        membership = services.join_municipality(user=user, municipality=municipality)
        try:
            if options["group"]:
                services.update_membership(actor=None, membership=membership, stakeholder_group=options["group"],
                                           settlement=membership.settlement)
            roles = set(membership.roles.values_list("role", flat=True)) | {options["role"]}
            services.set_roles(actor=None, membership=membership, roles=roles)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{user.email} is now {Role(options['role']).label} "
                                             f"of {municipality.name}."))
