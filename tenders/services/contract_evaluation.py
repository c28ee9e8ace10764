"""Independent evaluation of a contract: a bureau officer grants a third-party evaluator one
contract for at most ``MAX_GRANT_DAYS`` days, or revokes the grant; the evaluator declares any
conflict with the provider before reading anything (a conflict ends the access, and the
bureau hears of it), then submits one evaluation report before the access ends."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.permissions import require_allowed, users_allowed
from incubator.kernel.roles import Role, user_has_role
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from tenders.contract_evaluation_selectors import (
    contracts_user_may_grant_evaluation,
    evaluator_grants_user_may_declare,
    evaluator_grants_user_may_report,
    evaluator_grants_user_may_revoke,
)
from tenders.models import (
    ConflictGround,
    Contract,
    ContractEvaluationReport,
    ContractEvaluatorGrant,
    Grade,
)
from tenders.services import NOT_ALLOWED

MAX_GRANT_DAYS = 90
NOT_A_CONTRACT_EVALUATOR = _("%(name)s does not hold the third-party contract evaluator role.")
ORGANISATION_REQUIRED = _("Name the evaluation organisation the evaluator works for.")
PERIOD_OUT_OF_ORDER = _("The access must end on or after the day it starts.")
PERIOD_IN_PAST = _("The access cannot end before today.")
PERIOD_TOO_LONG = _("The access may last at most %(days)s days.")
NOT_SIGNED = _("Only a signed contract is evaluated.")
ALREADY_GRANTED = _(
    "%(name)s already has access to this contract (until %(ends_on)s); revoke it first."
)
REVOKED_ALREADY = _("This access has been revoked already.")
REVOKE_REASON_REQUIRED = _("Give the reason for revoking the access; the evaluator receives it.")
DECLARED_ALREADY = _("You have declared already; a declaration never changes.")
UNKNOWN_GROUND = _("Choose whether you have a conflict with the provider, and which.")
CONFLICT_DETAILS_REQUIRED = _("Describe your relationship with the provider.")
REPORTED_ALREADY = _("You have submitted your evaluation report already.")
FINDINGS_REQUIRED = _("Write your findings.")
GRADE_REQUIRED = _("Choose the grade you recommend.")
SCORE_OUT_OF_RANGE = _("Give a score between 0 and 100.")


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _lock(grant: ContractEvaluatorGrant) -> ContractEvaluatorGrant:
    return (
        ContractEvaluatorGrant.objects.select_for_update(of=("self",))
        .select_related("contract__tender", "contract__organisation", "evaluator")
        .get(pk=grant.pk)
    )


def _check_period(starts_on: date, ends_on: date, today: date) -> None:
    if ends_on < starts_on:
        raise ServiceError(PERIOD_OUT_OF_ORDER, code="period_out_of_order")
    if ends_on < today:
        raise ServiceError(PERIOD_IN_PAST, code="period_in_past")
    if (ends_on - starts_on).days + 1 > MAX_GRANT_DAYS:
        raise ServiceError(PERIOD_TOO_LONG % {"days": MAX_GRANT_DAYS}, code="period_too_long")


@transaction.atomic
def contract_evaluator_grant(
    *,
    contract: Contract,
    evaluator,
    evaluating_organisation: str,
    starts_on: date,
    ends_on: date,
    by,
    today: date | None = None,
) -> ContractEvaluatorGrant:
    """A bureau officer gives ``evaluator`` (a third-party contract evaluator) access to a
    signed contract from ``starts_on`` to the end of ``ends_on``. Before: no open grant of the
    same evaluator on the contract. After: the evaluator is told by email, with the link."""
    require_allowed(contracts_user_may_grant_evaluation, by, contract, message=NOT_ALLOWED)
    contract = Contract.objects.select_for_update(of=("self",)).get(pk=contract.pk)
    today = today or timezone.localdate()
    name = _name(evaluator)
    if not (evaluator.is_active and user_has_role(evaluator, Role.CONTRACT_EVALUATOR)):
        raise ServiceError(NOT_A_CONTRACT_EVALUATOR % {"name": name}, code="not_an_evaluator")
    evaluating_organisation = (evaluating_organisation or "").strip()
    if not evaluating_organisation:
        raise ServiceError(ORGANISATION_REQUIRED, code="organisation_required")
    if contract.signed_on is None:
        raise ServiceError(NOT_SIGNED, code="not_signed")
    _check_period(starts_on, ends_on, today)
    existing = ContractEvaluatorGrant.objects.filter(
        Q(declared_at__isnull=True) | Q(conflict=ConflictGround.NONE),
        contract=contract,
        evaluator=evaluator,
        revoked_at__isnull=True,
    ).first()
    if existing is not None:
        raise ServiceError(
            ALREADY_GRANTED % {"name": name, "ends_on": existing.ends_on.isoformat()},
            code="already_granted",
        )
    grant = ContractEvaluatorGrant(
        contract=contract,
        evaluator=evaluator,
        evaluating_organisation=evaluating_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_at=timezone.now(),
        granted_by=by,
    )
    grant.full_clean()
    grant.save()
    audit_log(
        instance=contract,
        action="tenders.contract.evaluator_grant",
        user=by,
        data={
            "evaluator": name,
            "organisation": evaluating_organisation,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    notify_on_commit(
        users=[evaluator],
        template="tenders/email/contract_evaluator_granted",
        context={"grant": grant, "contract": contract, "tender": contract.tender},
        link=("contract_evaluator:grant", [grant.pk]),
        item=grant,
    )
    return grant


@transaction.atomic
def contract_evaluator_revoke(*, grant: ContractEvaluatorGrant, reason: str, by):
    """A bureau officer ends an evaluator's access now, with a reason the evaluator is told.
    Before: not revoked already (an access that ran out or ended in a conflict may still be
    revoked, which lets the bureau grant the evaluator the contract again)."""
    require_allowed(evaluator_grants_user_may_revoke, by, grant, message=NOT_ALLOWED)
    grant = _lock(grant)
    if grant.revoked_at is not None:
        raise ServiceError(REVOKED_ALREADY, code="revoked")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REVOKE_REASON_REQUIRED, code="reason_required")
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.revoke_reason = reason
    grant.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit_log(
        instance=grant.contract,
        action="tenders.contract.evaluator_revoke",
        user=by,
        reason=reason,
        data={"evaluator": _name(grant.evaluator)},
    )
    notifications_done(item=grant)
    notify_on_commit(
        users=[grant.evaluator],
        template="tenders/email/contract_evaluator_revoked",
        context={"grant": grant, "contract": grant.contract, "reason": reason},
        link=("contract_evaluator:index", []),
    )
    return grant


@transaction.atomic
def contract_evaluator_declare(
    *, grant: ContractEvaluatorGrant, conflict: str, details: str, by
) -> ContractEvaluatorGrant:
    """The evaluator declares, once, whether they have a conflict with the contract's provider
    (the grounds of ``ConflictGround``). A conflict ends the access at once and the bureau's
    officers are told; no conflict opens the contract's reports and evidence."""
    require_allowed(evaluator_grants_user_may_declare, by, grant, message=NOT_ALLOWED)
    grant = _lock(grant)
    if grant.declared_at is not None:
        raise ServiceError(DECLARED_ALREADY, code="declared")
    if conflict not in ConflictGround.values:
        raise ServiceError(UNKNOWN_GROUND, code="unknown_ground")
    details = (details or "").strip()
    if conflict == ConflictGround.OTHER and not details:
        raise ServiceError(CONFLICT_DETAILS_REQUIRED, code="details_required")
    grant.declared_at = timezone.now()
    grant.conflict = conflict
    grant.conflict_details = details
    grant.save(update_fields=["declared_at", "conflict", "conflict_details"])
    conflicted = conflict != ConflictGround.NONE
    audit_log(
        instance=grant.contract,
        action="tenders.contract.evaluator_declare",
        user=by,
        data={"evaluator": _name(by), "conflict": conflict},
    )
    if conflicted:
        notifications_done(item=grant)
        notify_on_commit(
            users=users_allowed(contracts_user_may_grant_evaluation, grant.contract),
            template="tenders/email/contract_evaluator_conflict",
            context={"grant": grant, "contract": grant.contract, "tender": grant.contract.tender},
            link=("tender_contracts:inspect", [grant.contract_id]),
        )
    return grant


def _clean_score(score) -> Decimal:
    try:
        value = Decimal(str(score)) if score is not None and str(score).strip() else None
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= 100:
        raise ServiceError(SCORE_OUT_OF_RANGE, code="score_out_of_range")
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def contract_evaluation_submit(
    *,
    grant: ContractEvaluatorGrant,
    findings: str,
    recommended_grade: str,
    score,
    by,
    file=None,
) -> ContractEvaluationReport:
    """The evaluator submits their report: findings, the grade they recommend, a score out of
    100 and optionally a file. Before: declared no conflict, the access still running, no
    report yet. After: the bureau's officers are told; the report never changes."""
    require_allowed(evaluator_grants_user_may_report, by, grant, message=NOT_ALLOWED)
    grant = _lock(grant)
    if ContractEvaluationReport.objects.filter(grant=grant).exists():
        raise ServiceError(REPORTED_ALREADY, code="reported")
    findings = (findings or "").strip()
    if not findings:
        raise ServiceError(FINDINGS_REQUIRED, code="findings_required")
    if recommended_grade not in Grade.values:
        raise ServiceError(GRADE_REQUIRED, code="grade_required")
    report = ContractEvaluationReport(
        grant=grant,
        findings=findings,
        recommended_grade=recommended_grade,
        score=_clean_score(score),
        submitted_at=timezone.now(),
    )
    if file:
        report.file = file
        report.original_name = getattr(file, "name", "")[:255]
    report.full_clean()
    report.save()
    audit_log(
        instance=grant.contract,
        action="tenders.contract.evaluation_submit",
        user=by,
        data={
            "evaluator": _name(by),
            "score": str(report.score),
            "grade": report.recommended_grade,
        },
    )
    notifications_done(item=grant)
    notify_on_commit(
        users=users_allowed(contracts_user_may_grant_evaluation, grant.contract),
        template="tenders/email/contract_evaluation_submitted",
        context={"grant": grant, "report": report, "contract": grant.contract},
        link=("tender_contracts:inspect", [grant.contract_id]),
    )
    return report
