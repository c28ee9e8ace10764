"""``manage.py send_digests``: the daily summary of notifications, for those who chose it. Run it
once a day (running it again the same day sends nothing twice)."""

from django.core.management.base import BaseCommand

from incubator.kernel.services.digests import digests_send


class Command(BaseCommand):
    help = "Send the daily summary of notifications to those who chose it; once per day each."

    def handle(self, *args, **options):
        count = digests_send()
        self.stdout.write(f"{count} daily summaries sent")
