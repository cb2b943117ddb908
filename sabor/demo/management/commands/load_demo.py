from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sabor.core.system_libraries import MissingLibrary
from sabor.demo import lyaskovets, plans


class Command(BaseCommand):
    help = "Loads the Municipality of Lyaskovets demo. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--host", action="append", default=[],
                            help="a host name to serve Lyaskovets under; repeat for several")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")
        parser.add_argument("--skip-reports", action="store_true",
                            help="do not generate the demo annual report (DOCX and PDF)")
        parser.add_argument("--force", action="store_true",
                            help="load even though DEBUG is off (for demo servers; never on a live site)")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            # The demo creates an administrator and a platform operator with a
            # published password and two-factor secret.
            raise CommandError("Refusing to load the demo with DEBUG off: it creates accounts with a published "
                               "password. Use --force on a demo server.")
        municipality = lyaskovets.load(hosts=options["host"])
        if not options["skip_reports"]:
            try:
                plans.generate_reports(municipality)
            except MissingLibrary as error:  # the demo is usable without its annual report
                self.stderr.write(self.style.WARNING(f"The demo annual report was not generated: {error}"))
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {municipality.name}."))
        if options["quiet_logins"]:
            return
        self.stdout.write(f"\nDemo logins (password for all: {lyaskovets.DEMO_PASSWORD}):")
        for person in lyaskovets.PEOPLE:
            roles = ", ".join(str(role.label) for role in person.roles)
            self.stdout.write(f"  {person.email:<32} {person.name} — {roles}")
        self.stdout.write(f"  {lyaskovets.OPERATOR_EMAIL:<32} platform operator (Django admin at /admin/)")
        self.stdout.write(
            "\nStaff accounts use two-factor authentication with the demo secret "
            f"{lyaskovets.DEMO_TOTP_SECRET};\n`python manage.py demo_totp` prints the current code.\n")
