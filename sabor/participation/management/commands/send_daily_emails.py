from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from sabor.participation.services.notifications import send_digests
from sabor.participation.services.reminders import queue_meeting_reminders


class Command(BaseCommand):
    help = "Sends the daily digests of notifications and queues reminders of tomorrow's meetings. Run it daily."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=parse_date, help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        with transaction.atomic():
            reminders = queue_meeting_reminders(today=options["today"] or timezone.localdate())
        digests = send_digests()
        self.stdout.write(f"{digests} digest(s) sent, {reminders} meeting reminder(s) queued.")
