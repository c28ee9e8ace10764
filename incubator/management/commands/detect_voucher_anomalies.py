"""``manage.py detect_voucher_anomalies [--month YYYY-MM | --days N]``: flag the care-voucher
anomalies (overlapping services, services while a site is closed, after a death or a move, a
provider's unusual share of a resident's month) for the bureau. Run it daily from cron on one
machine: by default it looks at the services recorded in the last two days and at the months
they were served in. Idempotent: a flag is raised once, however often it runs."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from subsidies.services.anomalies import detect_anomalies


class Command(BaseCommand):
    help = "Flag care-voucher anomalies for the bureau (idempotent; safe to run again)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--month", help="YYYY-MM: every service served in that month")
        group.add_argument(
            "--days",
            type=int,
            default=2,
            help="the services recorded in the last N days (default 2)",
        )

    def handle(self, *args, month=None, days=2, **options):
        if month:
            try:
                first = date.fromisoformat(f"{month}-01")
            except ValueError as error:
                raise CommandError("--month must look like 2026-03.") from error
            found = detect_anomalies(month=first)
        else:
            if days < 1:
                raise CommandError("--days must be at least 1.")
            found = detect_anomalies(since=timezone.now() - timedelta(days=days))
        self.stdout.write(", ".join(f"{kind}: {count}" for kind, count in found.items()))
