"""History that counts: an organisation's contracts with the grades of their accepted periods
and the results of their signed-off acceptances, shown on the organisation's back-office page
(through the incubator's ``organisation_record_sections`` hook). Four queries whatever the
number of contracts, reports or acceptances."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from wagtail.admin.ui.components import Component

from tenders.models import (
    Contract,
    ContractAcceptance,
    ContractReport,
    Grade,
    TenderPage,
    contract_stage,
)


@dataclass
class ContractRecord:
    """One contract as the organisation's record shows it."""

    contract: Contract
    stage: object
    grades: list = field(default_factory=list)  # (grade label, count), best grade first
    latest: ContractReport | None = None
    acceptances: list = field(default_factory=list)


def contract_records(organisation) -> list[ContractRecord]:
    """``organisation``'s contracts, newest first, each with its graded periods and its
    signed-off acceptances."""
    contracts = (
        Contract.objects.filter(organisation=organisation)
        .select_related("tender")
        .prefetch_related(
            Prefetch("tender__pages", queryset=TenderPage.objects.select_related("locale")),
            Prefetch(
                "reports",
                queryset=ContractReport.objects.filter(
                    status=ContractReport.Status.ACCEPTED
                ).order_by("number"),
                to_attr="graded",
            ),
            Prefetch(
                "acceptances",
                queryset=ContractAcceptance.objects.filter(signed_off_at__isnull=False).order_by(
                    "number"
                ),
                to_attr="accepted",
            ),
        )
        .order_by("-starts_on", "-pk")
    )
    records = []
    for contract in contracts:
        counts = Counter(report.grade for report in contract.graded)
        records.append(
            ContractRecord(
                contract=contract,
                stage=contract_stage(contract),
                grades=[(grade.label, counts[grade]) for grade in Grade if counts[grade]],
                latest=contract.graded[-1] if contract.graded else None,
                acceptances=contract.accepted,
            )
        )
    return records


class ContractHistorySection(Component):
    """The organisation's contracts, grades and acceptance results."""

    template_name = "tenders/admin/organisation_contracts.html"

    def __init__(self, organisation):
        self.organisation = organisation

    def get_context_data(self, parent_context=None):
        return {"records": contract_records(self.organisation)}


def organisation_record_section(request, organisation):
    """The section on ``organisation``'s page (whoever may see the page may see it)."""
    return ContractHistorySection(organisation)
