"""``manage.py credit_vouchers [--month YYYY-MM]``: the monthly care-voucher credit run of the
scheme in force (default: this month). Idempotent and resumable: run it daily from the first of
the month; holders enrolled since the last run are credited, nobody twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from incubator.kernel.errors import ServiceError
from subsidies.services.vouchers import scheduled_credit_run
from subsidies.voucher_selectors import scheme_in_force


class Command(BaseCommand):
    help = "Credit this month's care vouchers (idempotent; safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the current month)")

    def handle(self, *args, month=None, **options):
        scheme = scheme_in_force()
        if scheme is None:
            raise CommandError("No care-voucher scheme is in force.")
        try:
            day = date.fromisoformat(f"{month}-01") if month else timezone.localdate()
        except ValueError as error:
            raise CommandError("--month must look like 2026-03.") from error
        try:
            run = scheduled_credit_run(scheme=scheme, month=day)
        except ServiceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{run.month:%Y-%m}: {run.residents_credited} holders credited, "
            f"¥{run.amount_credited} in all"
        )
