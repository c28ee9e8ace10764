"""Provider reports: the provider files each period's report (KPI actuals, a narrative,
evidence) once the period is over; a bureau officer accepts it, which grades the period, or
returns it with a reason, and the provider files it again."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed, users_allowed
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from tenders.models import ContractReport, ContractReportActual, ContractReportEvidence
from tenders.selectors import contract_reports_user_may_file, contract_reports_user_may_review
from tenders.services import NOT_ALLOWED
from tenders.services.scoring import KpiResult, grade_for, period_score
from tenders.survey_selectors import satisfaction_actual

MOVE_REFUSED = _("This report is %(status)s; it cannot be changed that way now.")
PERIOD_NOT_OVER = _("A report can be submitted from the last day of its period, %(day)s.")
NARRATIVE_REQUIRED = _("Describe the period's work in the narrative.")
ACTUAL_REQUIRED = _("Give the actual figure for “%(kpi)s” (a number of at least zero).")
NO_KPIS = _("The bureau has not set this contract's KPIs yet.")
SURVEY_STILL_OPEN = _(
    "The residents' survey that gives this period's satisfaction figure is open until "
    "%(day)s; the report can be submitted the day after."
)
REASON_REQUIRED = _("Give the reason for returning the report; the provider receives it.")


def _lock(report: ContractReport, to: str) -> ContractReport:
    return locked_for_move(
        report,
        to,
        refused=MOVE_REFUSED,
        related=("contract__organisation", "contract__tender"),
        lock_of=("self",),
    )


def _clean_actuals(report: ContractReport, actuals: dict) -> list[ContractReportActual]:
    kpis = list(report.contract.kpis.all())
    if not kpis:
        raise ServiceError(NO_KPIS, code="no_kpis")
    rows = []
    for kpi in kpis:
        raw = actuals.get(kpi.pk)
        try:
            value = Decimal(str(raw)) if raw is not None and str(raw).strip() else None
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not value.is_finite() or value < 0:
            raise ServiceError(ACTUAL_REQUIRED % {"kpi": kpi.name}, code="actual_required")
        rows.append(
            ContractReportActual(report=report, kpi=kpi, value=value.quantize(Decimal("0.01")))
        )
    return rows


@transaction.atomic
def contract_report_submit(
    *, report: ContractReport, actuals: dict, narrative: str, files, by, today=None
) -> ContractReport:
    """The provider files a due or returned report: an actual for every KPI (``actuals`` by
    KPI id; a satisfaction KPI takes the result of the residents' survey closing in the
    period, if it has answers), a narrative and any evidence files. Before: a member of the
    contract's organisation; the period's last day reached; no residents' survey closing in
    the period still open. After: it waits for the bureau, whose officers are told; a
    return's reason no longer stands (the audit trail keeps it)."""
    require_allowed(contract_reports_user_may_file, by, report, message=NOT_ALLOWED)
    report = _lock(report, ContractReport.Status.SUBMITTED)
    today = today or timezone.localdate()
    if today < report.period_ends_on:
        raise ServiceError(
            PERIOD_NOT_OVER % {"day": report.period_ends_on.isoformat()}, code="period_not_over"
        )
    narrative = (narrative or "").strip()
    if not narrative:
        raise ServiceError(NARRATIVE_REQUIRED, code="narrative_required")
    still_open = report.contract.surveys.filter(
        closes_on__gte=max(today, report.period_starts_on), closes_on__lte=report.period_ends_on
    ).first()
    if still_open is not None:
        raise ServiceError(
            SURVEY_STILL_OPEN % {"day": still_open.closes_on.isoformat()}, code="survey_open"
        )
    # The residents' survey closing in the period gives the satisfaction KPIs' figure, whatever
    # was typed: the provider does not grade its own residents' satisfaction.
    from_survey = satisfaction_actual(report)
    if from_survey is not None:
        actuals = {**actuals, **dict.fromkeys(from_survey.kpi_pks, from_survey.rate)}
    rows = _clean_actuals(report, actuals)
    earlier = dict(report.actuals.values_list("kpi__name", "value"))
    report.actuals.all().delete()
    ContractReportActual.objects.bulk_create(rows)
    for file in files or []:
        evidence = ContractReportEvidence(
            report=report, file=file, original_name=getattr(file, "name", "")[:255], uploaded_by=by
        )
        evidence.full_clean()
        evidence.save()
    report.status = ContractReport.Status.SUBMITTED
    report.narrative = narrative
    report.submitted_at = timezone.now()
    report.submitted_by = by
    report.decided_at = None
    report.decided_by = None
    report.return_reason = ""
    report.save(
        update_fields=[
            "status",
            "narrative",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
            "return_reason",
        ]
    )
    audit_log(
        instance=report,
        action="tenders.report.submit",
        user=by,
        data={
            "number": report.number,
            "actuals": {row.kpi.name: str(row.value) for row in rows},
            "earlier": {name: str(value) for name, value in earlier.items()},
            "files": len(files or []),
            "survey": from_survey.survey.pk if from_survey else None,
        },
    )
    notify_on_commit(
        users=users_allowed(contract_reports_user_may_review, report),
        template="tenders/email/report_submitted",
        context={"report": report, "contract": report.contract, "tender": report.contract.tender},
        link=("contract_reports:inspect", [report.pk]),
        item=report,
    )
    return report


def report_score(report: ContractReport) -> Decimal:
    """The period's score from the contract's KPIs and the report's actuals."""
    actuals = report.actuals.select_related("kpi")
    return period_score(
        KpiResult(
            target=actual.kpi.target,
            actual=actual.value,
            weight=actual.kpi.weight,
            lower_is_better=actual.kpi.lower_is_better,
        )
        for actual in actuals
    )


@transaction.atomic
def contract_report_accept(*, report: ContractReport, by) -> ContractReport:
    """A bureau officer accepts a submitted report; the period's score and grade are computed
    from the KPIs and actuals and kept with it. The provider's members are told."""
    require_allowed(contract_reports_user_may_review, by, report, message=NOT_ALLOWED)
    report = _lock(report, ContractReport.Status.ACCEPTED)
    report.score = report_score(report)
    report.grade = grade_for(report.score)
    report.status = ContractReport.Status.ACCEPTED
    report.decided_at = timezone.now()
    report.decided_by = by
    report.save(update_fields=["status", "score", "grade", "decided_at", "decided_by"])
    audit_log(
        instance=report,
        action="tenders.report.accept",
        user=by,
        data={"number": report.number, "score": str(report.score), "grade": report.grade},
    )
    notifications_done(item=report)
    notify_on_commit(
        users=organisation_members([report.contract.organisation_id]),
        template="tenders/email/report_accepted",
        context={"report": report, "contract": report.contract, "tender": report.contract.tender},
        link=("tenders_portal:report", [report.pk]),
    )
    return report


@transaction.atomic
def contract_report_return(*, report: ContractReport, reason: str, by) -> ContractReport:
    """A bureau officer returns a submitted report with a reason; the provider files it
    again. The provider's members are told, with the reason."""
    require_allowed(contract_reports_user_may_review, by, report, message=NOT_ALLOWED)
    report = _lock(report, ContractReport.Status.RETURNED)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    report.status = ContractReport.Status.RETURNED
    report.decided_at = timezone.now()
    report.decided_by = by
    report.return_reason = reason
    report.save(update_fields=["status", "decided_at", "decided_by", "return_reason"])
    audit_log(
        instance=report,
        action="tenders.report.return",
        user=by,
        reason=reason,
        data={"number": report.number},
    )
    notifications_done(item=report)
    notify_on_commit(
        users=organisation_members([report.contract.organisation_id]),
        template="tenders/email/report_returned",
        context={
            "report": report,
            "contract": report.contract,
            "tender": report.contract.tender,
            "reason": reason,
        },
        link=("tenders_portal:report", [report.pk]),
    )
    return report
