"""A contract's delivery as OCDS publishes it: the KPIs agreed with the provider as the
metrics extension's ``agreedMetrics`` (one target observation each, over the contract's
period); in ``implementation``, the accepted reports' actuals as ``metrics`` (one observation
per KPI and period), the reporting schedule and the published acceptances as ``milestones``,
each published acceptance record also as one of its ``documents`` (linked to its section of
the tender's public page), the tranches paid as ``transactions``; and the contract's
amendments. Only what the bureau
has accepted, paid or published is shown: a report waiting for its decision, a draft
acceptance or the residents named in one never are.

Read with ``delivery_prefetches``: a fixed number of queries whatever the number of contracts."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.kernel.money import format_rmb
from tenders.models import (
    AcceptanceConclusion,
    AcceptanceKind,
    ContractAcceptance,
    ContractAmendment,
    ContractReport,
    ContractReportActual,
    ContractTranche,
)
from tenders.models.contract_terms import signed_rmb
from tenders.ocds.codes import day_end, day_start, moment, money

# The metrics extension (KPI targets and actuals), declared in each package that uses it.
METRICS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_metrics_extension/master/extension.json"
)
# An acceptance's conclusion → the milestoneStatus codelist.
ACCEPTANCE_STATUS = {
    AcceptanceConclusion.PASSED: "met",
    AcceptanceConclusion.PASSED_WITH_CONDITIONS: "partiallyMet",
    AcceptanceConclusion.FAILED: "notMet",
}
# An acceptance's kind → the documentType codelist: an interim acceptance reports progress
# against the contract, the final one certifies its completion.
ACCEPTANCE_DOCUMENT = {
    AcceptanceKind.INTERIM: "physicalProgressReport",
    AcceptanceKind.FINAL: "completionCertificate",
}


def delivery_prefetches(path: str = "contract") -> list:
    """What ``contract_delivery`` reads of the contracts under ``path``."""
    return [
        f"{path}__kpis",
        Prefetch(
            f"{path}__reports",
            queryset=ContractReport.objects.order_by("number").prefetch_related(
                Prefetch("actuals", queryset=ContractReportActual.objects.order_by("kpi_id"))
            ),
        ),
        Prefetch(f"{path}__amendments", queryset=ContractAmendment.objects.order_by("number")),
        Prefetch(
            f"{path}__tranches",
            queryset=ContractTranche.objects.filter(paid_on__isnull=False).order_by("number"),
            to_attr="paid_tranches",
        ),
        Prefetch(
            f"{path}__acceptances",
            queryset=ContractAcceptance.objects.filter(published_at__isnull=False).order_by(
                "number"
            ),
            to_attr="published_acceptances",
        ),
    ]


def _period(start, end) -> dict:
    return {"startDate": day_start(start), "endDate": day_end(end)}


def _metric(kpi, observations: list) -> dict:
    description = kpi.method
    if kpi.lower_is_better:
        description += " " + _("Lower is better: the target is a maximum.")
    return {
        "id": f"kpi-{kpi.pk}",
        "title": kpi.name,
        "description": description,
        "observations": observations,
    }


def _observation(kpi, key: str, value, start, end) -> dict:
    return {
        "id": f"kpi-{kpi.pk}-{key}",
        "period": _period(start, end),
        "measure": float(value),
        "unit": {"name": kpi.unit},
    }


def _report_milestone(contract_id: str, report: ContractReport, today) -> dict:
    milestone = {
        "id": f"{contract_id}-report-{report.number}",
        "title": _("Report %(number)s") % {"number": report.number},
        "type": "reporting",
        "dueDate": day_end(report.due_on),
    }
    if report.status == ContractReport.Status.ACCEPTED:
        milestone["status"] = "met"
        milestone["dateMet"] = moment(report.decided_at)
    else:
        milestone["status"] = "notMet" if report.due_on < today else "scheduled"
    return milestone


def _acceptance_milestone(contract_id: str, acceptance: ContractAcceptance) -> dict:
    participants = _("%(count)s service users took part.") % {"count": acceptance.participant_count}
    return {
        "id": f"{contract_id}-acceptance-{acceptance.number}",
        "title": acceptance.get_kind_display(),
        "type": "assessment",
        "description": " ".join(part for part in (acceptance.summary, participants) if part),
        "status": ACCEPTANCE_STATUS[acceptance.conclusion],
        "dateMet": day_end(acceptance.held_on),
    }


def _acceptance_document(contract_id: str, acceptance: ContractAcceptance, page_url: str) -> dict:
    return {
        "id": f"{contract_id}-acceptance-{acceptance.number}-record",
        "documentType": ACCEPTANCE_DOCUMENT[acceptance.kind],
        "title": _("Acceptance %(number)s: %(kind)s")
        % {"number": acceptance.number, "kind": acceptance.get_kind_display()},
        "description": acceptance.summary,
        "url": f"{page_url}#acceptance-{acceptance.number}",
        "datePublished": moment(acceptance.published_at),
        "format": "text/html",
        "language": "zh",
    }


def _amendment(contract_id: str, amendment: ContractAmendment) -> dict:
    description = _("Value changed by %(change)s to %(value)s.") % {
        "change": signed_rmb(amendment.value_change),
        "value": format_rmb(amendment.value_after),
    }
    if amendment.ends_on:
        description += " " + _("Ends on %(day)s.") % {"day": amendment.ends_on.isoformat()}
    return {
        "id": f"{contract_id}-amendment-{amendment.number}",
        "date": moment(amendment.decided_at),
        "rationale": amendment.reason,
        "description": description,
    }


def uses_metrics(release: dict) -> bool:
    """Whether ``release`` has KPI targets or actuals (the metrics extension's fields)."""
    return any("agreedMetrics" in contract for contract in release.get("contracts", []))


def contract_delivery(contract, contract_id: str, now=None, *, page_url: str = "") -> dict:
    """The fields ``contract`` adds to its OCDS contract: ``dateSigned``, ``agreedMetrics``,
    ``implementation`` and ``amendments``; ``page_url`` is the address of the tender's public
    page, where the published acceptances are."""
    today = timezone.localdate(now or timezone.now())
    fields: dict = {}
    if contract.signed_on:
        fields["dateSigned"] = day_start(contract.signed_on)
    kpis = list(contract.kpis.all())
    if kpis:
        fields["agreedMetrics"] = [
            _metric(
                kpi,
                [_observation(kpi, "target", kpi.target, contract.starts_on, contract.ends_on)],
            )
            for kpi in kpis
        ]
    reports = list(contract.reports.all())
    accepted = [report for report in reports if report.status == ContractReport.Status.ACCEPTED]
    metrics = []
    for kpi in kpis:
        observations = [
            _observation(
                kpi,
                f"report-{report.number}",
                actual.value,
                report.period_starts_on,
                report.period_ends_on,
            )
            for report in accepted
            for actual in report.actuals.all()
            if actual.kpi_id == kpi.pk
        ]
        if observations:
            metrics.append(_metric(kpi, observations))
    milestones = [_report_milestone(contract_id, report, today) for report in reports]
    milestones += [
        _acceptance_milestone(contract_id, acceptance)
        for acceptance in contract.published_acceptances
    ]
    implementation = {}
    transactions = [
        {
            "id": f"{contract_id}-tranche-{tranche.number}",
            "date": day_start(tranche.paid_on),
            "value": money(tranche.amount),
        }
        for tranche in contract.paid_tranches
    ]
    if transactions:
        implementation["transactions"] = transactions
    documents = [
        _acceptance_document(contract_id, acceptance, page_url)
        for acceptance in contract.published_acceptances
    ]
    if documents:
        implementation["documents"] = documents
    if metrics:
        implementation["metrics"] = metrics
    if milestones:
        implementation["milestones"] = milestones
    if implementation:
        fields["implementation"] = implementation
    amendments = [_amendment(contract_id, amendment) for amendment in contract.amendments.all()]
    if amendments:
        fields["amendments"] = amendments
    return fields
