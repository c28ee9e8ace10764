"""``manage.py expire_vouchers [--as-of YYYY-MM-DD]``: care-voucher credit that passed its last
valid day unspent lapses (spending uses the oldest credit first; see
``subsidies.services.expiry``). Without ``--as-of`` it is the scheduled run: run it daily from
cron; it works on the days just after an expiry date and does nothing on the others. With
``--as-of`` it runs as of that day (not a future one). Idempotent: safe to run again."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from incubator.kernel.errors import ServiceError
from subsidies.services.expiry import expire_credits, scheduled_expiry_run


class Command(BaseCommand):
    help = "Let unspent care-voucher credit past its validity lapse (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="YYYY-MM-DD (default: today, when an expiry is due)")

    def handle(self, *args, as_of=None, **options):
        try:
            day = date.fromisoformat(as_of) if as_of else None
        except ValueError as error:
            raise CommandError("--as-of must look like 2027-01-01.") from error
        try:
            result = expire_credits(as_of=day) if day else scheduled_expiry_run()
        except ServiceError as error:
            raise CommandError(str(error)) from error
        if result is None:
            self.stdout.write("No credit reached its last valid day lately: nothing to do")
            return
        self.stdout.write(
            f"as of {result.as_of:%Y-%m-%d}: credit of {result.holders} holders expired, "
            f"¥{result.amount} in all"
        )
