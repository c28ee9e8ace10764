"""``manage.py check_voucher_ledger``: prove that every voucher account's balance is the sum of
its ledger entries (one grouped query); exits non-zero and names the accounts if not."""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from subsidies.models import LedgerEntry, Resident


class Command(BaseCommand):
    help = "Check that every voucher balance equals the sum of its ledger entries."

    def handle(self, *args, **options):
        sums = (
            LedgerEntry.objects.filter(resident=OuterRef("pk"))
            .order_by()
            .values("resident")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        money = DecimalField(max_digits=12, decimal_places=2)
        wrong = list(
            Resident.objects.annotate(
                ledger=Coalesce(Subquery(sums, output_field=money), Value(Decimal("0")))
            )
            .exclude(balance=F("ledger"))
            .values_list("card_number", "balance", "ledger")[:50]
        )
        if wrong:
            lines = [
                f"{card}: balance {balance}, ledger {ledger}" for card, balance, ledger in wrong
            ]
            raise CommandError("Balances differ from their ledgers:\n" + "\n".join(lines))
        self.stdout.write(f"{Resident.objects.count()} voucher balances agree with their ledgers")
