from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Compiles the translation catalogues (locale/*/LC_MESSAGES/django.po) to .mo files. "
            "Pure Python, so installing Sabor needs no GNU gettext.")

    def handle(self, *args, **options):
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                if options["verbosity"] > 0:
                    self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
