from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sabor.core.services import create_municipality


class Command(BaseCommand):
    help = "Adds a municipality (tenant), optionally with the host names it is served under."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="short name used in settings, e.g. lyaskovets")
        parser.add_argument("name", help="name in Bulgarian, e.g. „Община Лясковец“")
        parser.add_argument("code", help="the statistics office's municipality code, e.g. VTR18")
        parser.add_argument("--name-en", default="")
        parser.add_argument("--province", default="")
        parser.add_argument("--host", action="append", default=[], help="a host name; repeat for several")

    def handle(self, *args, **options):
        try:
            municipality = create_municipality(
                actor=None, slug=options["slug"], name=options["name"], code=options["code"],
                hosts=options["host"], name_en=options["name_en"], province=options["province"])
        except ValidationError as error:
            raise CommandError("; ".join(f"{field}: {' '.join(messages)}"
                                         for field, messages in error.message_dict.items())) from None
        self.stdout.write(self.style.SUCCESS(f"Added {municipality.name} ({municipality.slug})."))
