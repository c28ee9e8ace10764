"""Contracts in delivery for the at-risk panel and the KPI charts: signed, with the four KPIs
of ``tests.factories.delivery`` and a monthly reporting schedule; reports accepted with the
given actuals, or made late."""

from datetime import timedelta

from django.utils import timezone

from tenders.models import Contract, ContractReport
from tenders.services.contracts import contract_sign
from tenders.services.reports import contract_report_accept
from tests.factories import awarded, member_of
from tests.factories.delivery import file_report, with_kpis

# Actuals of the four KPIs (hours 1200, people 60, satisfaction 90 %, incidents 0).
ON_TARGET = ("1200", "60", "95", "0")  # 100: 优
LOW_SATISFACTION = ("1200", "60", "70", "0")  # satisfaction at 77 %; 95.56: still 优
FAIR = ("600", "30", "90", "0")  # hours and people at 50 %; 65: 中
POOR = ("300", "15", "45", "3")  # 27.50: 差


def delivering(index, officer) -> tuple[Contract, object]:
    """A signed contract with its KPIs and reporting schedule, and its provider's admin."""
    tender, _bids = awarded(index)
    contract = Contract.objects.get(tender=tender.tender)
    contract = contract_sign(contract=contract, signed_on=timezone.localdate(), by=officer)
    contract = with_kpis(contract, officer)
    return contract, member_of(contract.organisation, "admin")


def accept(contract, number: int, values, *, provider, officer) -> ContractReport:
    """Report ``number`` filed with ``values`` and accepted."""
    report = file_report(contract.reports.get(number=number), provider, values=values)
    return contract_report_accept(report=report, by=officer)


def make_late(contract, number: int = 1, *, days: int = 3) -> None:
    """Report ``number`` was due ``days`` ago and is still not filed."""
    today = timezone.localdate()
    ContractReport.objects.filter(contract=contract, number=number).update(
        period_starts_on=today - timedelta(days=days + 40),
        period_ends_on=today - timedelta(days=days + 10),
        due_on=today - timedelta(days=days),
    )
