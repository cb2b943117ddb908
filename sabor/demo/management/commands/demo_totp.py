import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand

from sabor.demo.lyaskovets import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Prints the current two-factor code of the demo staff accounts."

    def handle(self, *args, **options):
        period = getattr(settings, "MFA_TOTP_PERIOD", 30)
        counter = int(time.time()) // period
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
