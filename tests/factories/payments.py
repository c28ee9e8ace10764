"""Payment schedules: an accepted report, a signed-off acceptance and tranches on them."""

from decimal import Decimal

from django.utils import timezone

from tenders.models import ContractAcceptance
from tenders.services.reports import contract_report_accept
from tests.factories.delivery import file_report


def accepted_report(contract, number: int, *, provider, officer):
    """Report ``number`` of ``contract`` filed by ``provider`` and accepted by ``officer``."""
    report = file_report(contract.reports.get(number=number), provider)
    return contract_report_accept(report=report, by=officer)


def acceptance(contract, number: int = 1, *, conclusion="passed", signed_off_at="now"):
    """An acceptance of ``contract``, signed off now (or at ``signed_off_at``; None: a draft)."""
    if signed_off_at == "now":
        signed_off_at = timezone.now()
    return ContractAcceptance.objects.create(
        contract=contract,
        number=number,
        kind="final" if number > 1 else "interim",
        held_on=contract.starts_on,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.ends_on,
        conclusion=conclusion if signed_off_at else "",
        signed_off_at=signed_off_at,
    )


def tranche_rows(*rows) -> list[dict]:
    """(amount, "report" or "acceptance", number) as ``contract_tranches_set`` takes them."""
    return [{"amount": Decimal(amount), kind: number} for amount, kind, number in rows]
