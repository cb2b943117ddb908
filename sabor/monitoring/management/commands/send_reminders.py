from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from sabor.monitoring.reminders import queue_reminders


class Command(BaseCommand):
    help = "Queues today's reminders to the people responsible for indicator values. Run it daily."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=parse_date, help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        with transaction.atomic():
            queued = queue_reminders(today=options["today"] or timezone.localdate())
        self.stdout.write(f"{queued} reminder(s) queued.")
