"""Review and decision: the hub manager recommends or returns a submitted application; the
bureau approves it against the scheme's envelope (issuing the award letter) or rejects it.

The budget invariant, approved total <= envelope, holds under concurrent approvals because the
check and the commitment are one conditional UPDATE in the approving transaction, backed by the
database's check constraint; nothing is read, compared in Python and saved back."""

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import rmb_capital, to_amount
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.letters import letter_issue
from subsidies.models import Scheme, SubsidyApplication
from subsidies.selectors import applications_user_may_decide, applications_user_may_review
from subsidies.services.common import (
    FOR_MOVE,
    NOT_ALLOWED,
    fen,
    money,
    recompute,
    tell_admins,
)
from subsidies.services.queues import application_queue_moved

REASON_REQUIRED = _("Give the reason; the organisation receives it.")
BAD_AMOUNT = _("Enter an amount in yuan with at most two decimal places.")
AMOUNT_POSITIVE = _("The amount must be more than zero.")
PROPOSED_OVER_ELIGIBLE = _("The recommended amount cannot exceed the eligible ¥%(eligible)s.")
APPROVED_OVER_ELIGIBLE = _("The approved amount cannot exceed the eligible ¥%(eligible)s.")
BUDGET_EXCEEDED = _("Not enough budget left: ¥%(left)s left in %(scheme)s")
AWARD_TITLE = _("Notice of the award of a staff-cost subsidy under %(scheme)s")
PERIOD = _("%(start)s to %(end)s")
DISBURSEMENT_PLAN = _(
    "Paid in instalments by bank transfer after the bureau has checked the payroll and social "
    "insurance records of the staff listed; a tranche may wait for a capacity milestone to be "
    "verified."
)


def _amount(value, *, none_ok: bool = False) -> Decimal | None:
    if value in (None, "") and none_ok:
        return None
    try:
        amount = to_amount(value)
    except ValueError as error:
        raise ServiceError(BAD_AMOUNT, code="bad_amount") from error
    if amount <= 0:
        raise ServiceError(AMOUNT_POSITIVE, code="amount_not_positive")
    return amount


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    return reason


@transaction.atomic
def subsidy_application_recommend(
    *, application: SubsidyApplication, proposed_amount=None, note: str = "", by
) -> SubsidyApplication:
    """A manager of the organisation's hub recommends a submitted application to the bureau,
    optionally proposing an amount up to the eligible amount, with a note."""
    require_allowed(applications_user_may_review, by, application, message=NOT_ALLOWED)
    application = locked_for_move(application, SubsidyApplication.Status.RECOMMENDED, **FOR_MOVE)
    proposed = _amount(proposed_amount, none_ok=True)
    if proposed is not None and proposed > application.eligible_total:
        raise ServiceError(
            PROPOSED_OVER_ELIGIBLE % {"eligible": money(application.eligible_total)},
            code="proposed_over_eligible",
        )
    application.status = SubsidyApplication.Status.RECOMMENDED
    application.proposed_amount = proposed
    application.recommendation_note = (note or "").strip()
    application.recommended_at = timezone.now()
    application.recommended_by = by
    application.save(
        update_fields=[
            "status",
            "proposed_amount",
            "recommendation_note",
            "recommended_at",
            "recommended_by",
            "updated_at",
        ]
    )
    audit_log(
        instance=application,
        action="subsidies.application.recommend",
        user=by,
        data={
            "eligible": money(application.eligible_total),
            "proposed": money(proposed) if proposed is not None else "—",
        },
    )
    tell_admins(application, "application_recommended")
    application_queue_moved(application)
    return application


@transaction.atomic
def subsidy_application_return(
    *, application: SubsidyApplication, reason: str, by
) -> SubsidyApplication:
    """A manager of the organisation's hub returns a submitted application with a reason; the
    organisation can correct it and submit it again."""
    require_allowed(applications_user_may_review, by, application, message=NOT_ALLOWED)
    application = locked_for_move(application, SubsidyApplication.Status.RETURNED, **FOR_MOVE)
    application.status = SubsidyApplication.Status.RETURNED
    application.return_reason = _reason(reason)
    application.returned_at = timezone.now()
    application.returned_by = by
    application.save(
        update_fields=["status", "return_reason", "returned_at", "returned_by", "updated_at"]
    )
    audit_log(
        instance=application,
        action="subsidies.application.return",
        user=by,
        reason=application.return_reason,
        data={"scheme": application.scheme.name},
    )
    tell_admins(application, "application_returned")
    application_queue_moved(application)
    return application


@transaction.atomic
def subsidy_application_reject(
    *, application: SubsidyApplication, reason: str, by
) -> SubsidyApplication:
    """The bureau rejects a recommended application with a reason. Nothing was committed from
    the envelope, so nothing is given back."""
    require_allowed(applications_user_may_decide, by, application, message=NOT_ALLOWED)
    application = locked_for_move(application, SubsidyApplication.Status.REJECTED, **FOR_MOVE)
    application.status = SubsidyApplication.Status.REJECTED
    application.rejection_reason = _reason(reason)
    application.decided_at = timezone.now()
    application.decided_by = by
    application.save(
        update_fields=["status", "rejection_reason", "decided_at", "decided_by", "updated_at"]
    )
    audit_log(
        instance=application,
        action="subsidies.application.reject",
        user=by,
        reason=application.rejection_reason,
        data={"scheme": application.scheme.name},
    )
    tell_admins(application, "application_rejected")
    application_queue_moved(application)
    return application


def _commit_from_envelope(scheme: Scheme, amount: Decimal, now) -> None:
    """Add ``amount`` to the scheme's approved total if the envelope still holds it, and lock
    the rules: one conditional UPDATE, so concurrent approvals can never overcommit."""
    committed = Scheme.objects.filter(
        pk=scheme.pk, approved_total__lte=fen(F("envelope") - amount)
    ).update(
        approved_total=fen(F("approved_total") + amount),
        rules_locked_at=Coalesce(F("rules_locked_at"), Value(now)),
    )
    if committed != 1:
        left = Scheme.objects.filter(pk=scheme.pk).values_list("envelope", "approved_total")
        envelope, approved = left.get()
        raise ServiceError(
            BUDGET_EXCEEDED % {"left": money(envelope - approved), "scheme": scheme.name},
            code="budget_exceeded",
        )


def _award_details(application: SubsidyApplication, conditions: str) -> dict:
    """What the award letter says beyond the amount, fixed in the letter's language."""
    scheme = application.scheme
    with translation.override("zh-hans"):
        period = str(
            PERIOD
            % {
                "start": date_format(scheme.period_starts_on, "YEAR_MONTH_FORMAT"),
                "end": date_format(scheme.period_ends_on, "YEAR_MONTH_FORMAT"),
            }
        )
        staff = [
            {
                "name": line.name,
                "title": line.title,
                "qualification": line.get_qualification_display(),
                "months": line.months,
                "eligible": money(line.eligible_amount),
            }
            for line in application.lines.all()
        ]
        plan = gettext(str(DISBURSEMENT_PLAN))
    return {
        "scheme_name": scheme.name,
        "period": period,
        "staff": staff,
        "eligible_total": money(application.eligible_total),
        "amount_figures": money(application.approved_amount),
        "amount_capital": rmb_capital(application.approved_amount),
        "conditions": conditions,
        "disbursement_plan": plan,
    }


@transaction.atomic
def subsidy_application_approve(
    *, application: SubsidyApplication, approved_amount=None, conditions: str = "", by
) -> SubsidyApplication:
    """The bureau approves a recommended application for ``approved_amount`` (by default the
    hub's proposal, else the eligible amount).
    Before: 0 < amount <= eligible (recomputed under the rules as they lock now) and the
    envelope still holds it. After, in one transaction: the amount committed from the envelope,
    the scheme's rules locked, the application approved, the award letter issued (rendered after
    commit); the organisation's admins are emailed after commit."""
    require_allowed(applications_user_may_decide, by, application, message=NOT_ALLOWED)
    application = locked_for_move(application, SubsidyApplication.Status.APPROVED, **FOR_MOVE)
    scheme = application.scheme
    now = timezone.now()
    eligible = recompute(application)
    default = application.proposed_amount or eligible
    amount = _amount(default if approved_amount in (None, "") else approved_amount)
    if amount > eligible:
        raise ServiceError(
            APPROVED_OVER_ELIGIBLE % {"eligible": money(eligible)},
            code="approved_over_eligible",
        )
    _commit_from_envelope(scheme, amount, now)
    conditions = (conditions or "").strip()
    application.status = SubsidyApplication.Status.APPROVED
    application.approved_amount = amount
    application.conditions = conditions
    application.decided_at = now
    application.decided_by = by
    with translation.override("zh-hans"):
        title = str(AWARD_TITLE % {"scheme": scheme.name})
    application.award_letter = letter_issue(
        kind="subsidy_award",
        recipient=application.organisation,
        subject=application,
        title=title[:200],
        details=_award_details(application, conditions),
        amount=amount,
        by=by,
    )
    application.save(
        update_fields=[
            "status",
            "approved_amount",
            "conditions",
            "decided_at",
            "decided_by",
            "award_letter",
            "updated_at",
        ]
    )
    audit_log(
        instance=application,
        action="subsidies.application.approve",
        user=by,
        data={
            "amount": money(amount),
            "eligible": money(eligible),
            "reference": application.award_letter.reference,
        },
    )
    tell_admins(application, "application_approved")
    application_queue_moved(application)
    return application
