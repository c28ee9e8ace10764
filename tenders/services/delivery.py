"""Contract delivery, first step: right after the award the bureau sets the contract's KPIs
(at least three, from the template of the tender's service category) and how often the
provider reports; that creates the reporting schedule, one report per period, each due
``REPORT_DUE_WORKING_DAYS`` working days after its period ends."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.calendar import add_working_days
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.dates import add_months
from incubator.kernel.services.notifications import notify_on_commit
from tenders.models import (
    Contract,
    ContractKpi,
    ContractReport,
    KpiFrequency,
    KpiGroup,
    KpiTemplate,
    ReportingFrequency,
)
from tenders.selectors import contracts_user_may_set_kpis
from tenders.services import NOT_ALLOWED
from tenders.services.payments import tranches_attach_reports, tranches_detach_reports

# A report is due ten working days after its period ends (the bureau's practice for monthly
# service reports: time to close the month's registers and gather the evidence).
REPORT_DUE_WORKING_DAYS = 10
MIN_KPIS = 3
MONTHS_PER_PERIOD = {ReportingFrequency.MONTHLY: 1, ReportingFrequency.QUARTERLY: 3}

TOO_FEW_KPIS = _("A contract needs at least %(count)s KPIs.")
KPI_INCOMPLETE = _("KPI %(number)s: give its name, unit, method of measurement and category.")
KPI_WEIGHT = _("KPI %(number)s: the weight must be a whole number above zero.")
KPI_TARGET = _("KPI %(number)s: the target must be a number of at least zero.")
KPI_NAMES_TWICE = _("Each KPI needs a name of its own: “%(name)s” appears twice.")
REPORTING_REQUIRED = _("Choose how often the provider reports: monthly or quarterly.")
ACCEPTANCE_RECORDED = _(
    "An acceptance has been recorded against these KPIs; they can no longer be changed here."
)
REPORTS_STARTED = _(
    "The provider has already submitted a report on these KPIs; they can no longer be changed here."
)


@dataclass(frozen=True)
class Period:
    """One reporting period and the day its report is due."""

    starts_on: date
    ends_on: date
    due_on: date


def reporting_periods(*, starts_on: date, ends_on: date, reporting: str) -> list[Period]:
    """The contract's periods from its first day, a month or a quarter each (the last one
    cut at the contract's end), each due ``REPORT_DUE_WORKING_DAYS`` working days later."""
    months = MONTHS_PER_PERIOD[ReportingFrequency(reporting)]
    periods, number = [], 0
    start = starts_on
    while start <= ends_on:
        number += 1
        end = min(add_months(starts_on, number * months) - timedelta(days=1), ends_on)
        periods.append(Period(start, end, add_working_days(end, REPORT_DUE_WORKING_DAYS)))
        start = end + timedelta(days=1)
    return periods


def kpis_from_template(contract: Contract) -> list[dict]:
    """The KPIs the template of the contract's service category proposes, as the form and
    ``contract_kpis_set`` take them (empty when the category has no template)."""
    page = contract.tender.source_page
    category = getattr(page, "category", "") if page is not None else ""
    return [
        {
            "name": template.name,
            "unit": template.unit,
            "target": template.default_target,
            "method": template.method,
            "frequency": template.frequency,
            "weight": template.weight,
            "group": template.group,
            "lower_is_better": template.lower_is_better,
        }
        for template in KpiTemplate.objects.filter(category=category)
    ]


def _clean_kpi(number: int, raw: dict) -> ContractKpi:
    text = {key: str(raw.get(key) or "").strip() for key in ("name", "unit", "method", "group")}
    if not all(text.values()) or text["group"] not in KpiGroup.values:
        raise ServiceError(KPI_INCOMPLETE % {"number": number}, code="kpi_incomplete")
    try:
        weight = int(raw.get("weight"))
    except (TypeError, ValueError):
        weight = 0
    if weight <= 0 or str(raw.get("weight")).strip() != str(weight):
        raise ServiceError(KPI_WEIGHT % {"number": number}, code="kpi_weight")
    try:
        target = Decimal(str(raw.get("target")))
    except (InvalidOperation, ValueError):
        target = Decimal(-1)
    if not target.is_finite() or target < 0:
        raise ServiceError(KPI_TARGET % {"number": number}, code="kpi_target")
    frequency = raw.get("frequency") or KpiFrequency.MONTHLY
    if frequency not in KpiFrequency.values:
        frequency = KpiFrequency.PER_PERIOD
    return ContractKpi(
        position=number - 1,
        target=target.quantize(Decimal("0.01")),
        weight=weight,
        frequency=frequency,
        lower_is_better=bool(raw.get("lower_is_better")),
        **text,
    )


@transaction.atomic
def contract_kpis_set(*, contract: Contract, kpis: list[dict], reporting: str, by) -> Contract:
    """Set (or, before any report was submitted, reset) the contract's KPIs and reporting
    frequency, and create its reporting schedule. Before: a bureau officer; at least three
    complete KPIs with positive whole weights and targets of at least zero; no report
    submitted yet. After: the KPIs replace any earlier ones, one report per period waits
    for the provider, and the organisation's members are told."""
    require_allowed(contracts_user_may_set_kpis, by, contract, message=NOT_ALLOWED)
    contract = Contract.objects.select_for_update().select_related("tender").get(pk=contract.pk)
    if reporting not in ReportingFrequency.values:
        raise ServiceError(REPORTING_REQUIRED, code="reporting")
    rows = [_clean_kpi(number, raw) for number, raw in enumerate(kpis, start=1)]
    if len(rows) < MIN_KPIS:
        raise ServiceError(TOO_FEW_KPIS % {"count": MIN_KPIS}, code="too_few_kpis")
    seen = set()
    for row in rows:
        if row.name in seen:
            raise ServiceError(KPI_NAMES_TWICE % {"name": row.name}, code="kpi_names")
        seen.add(row.name)
    if contract.reports.exclude(status=ContractReport.Status.DRAFT).exists():
        raise ServiceError(REPORTS_STARTED, code="reports_started")
    if contract.kpis.filter(acceptance_items__isnull=False).exists():
        raise ServiceError(ACCEPTANCE_RECORDED, code="acceptance_recorded")
    earlier = list(contract.kpis.values_list("name", flat=True))
    tranches = tranches_detach_reports(contract)
    contract.reports.all().delete()  # drafts only: nothing of the provider's is in them
    contract.kpis.all().delete()
    for row in rows:
        row.contract = contract
        row.full_clean(exclude=["contract"])
    ContractKpi.objects.bulk_create(rows)
    contract.reporting_frequency = reporting
    contract.save(update_fields=["reporting_frequency"])
    periods = reporting_periods(
        starts_on=contract.starts_on, ends_on=contract.ends_on, reporting=reporting
    )
    ContractReport.objects.bulk_create(
        ContractReport(
            contract=contract,
            number=number,
            period_starts_on=period.starts_on,
            period_ends_on=period.ends_on,
            due_on=period.due_on,
        )
        for number, period in enumerate(periods, start=1)
    )
    tranches_attach_reports(contract, tranches)
    audit_log(
        instance=contract,
        action="tenders.contract.kpis_set",
        user=by,
        data={
            "kpis": [f"{row.name} {row.target} {row.unit} ×{row.weight}" for row in rows],
            "earlier": earlier,
            "reporting": ReportingFrequency(reporting).label,
            "reports": len(periods),
        },
    )
    notify_on_commit(
        users=organisation_members([contract.organisation_id]),
        template="tenders/email/contract_kpis_set",
        context={"tender": contract.tender, "contract": contract, "periods": periods},
        link=("tenders_portal:contract", [contract.pk]),
    )
    return contract
