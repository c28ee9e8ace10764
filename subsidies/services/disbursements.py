"""Paying an approval in tranches: never more than approved, also when two officers record a
payment at the same moment, and a tranche tied to a milestone only once it is verified."""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.models import Milestone
from subsidies.models import Disbursement, Scheme, SubsidyApplication
from subsidies.selectors import applications_user_may_pay
from subsidies.services.common import FOR_MOVE, NOT_ALLOWED, fen, money, tell_admins
from subsidies.services.decisions import _amount
from subsidies.services.queues import application_queue_moved

OVER_APPROVED = _("Only ¥%(left)s of the approved ¥%(approved)s is left to pay.")
SCHEME_OVERPAID = _(
    "The scheme's payments would exceed its approvals; nothing was recorded. Tell the "
    "system administrator."
)
REFERENCE_REQUIRED = _("Enter the payment reference of the transfer.")
PAID_IN_FUTURE = _("%(day)s is in the future: record a payment once it has been made.")
MILESTONE_NOT_VERIFIED = _(
    "This tranche waits for the milestone “%(title)s”, which is not verified yet."
)
MILESTONE_OTHER_ORGANISATION = _("The milestone belongs to another organisation.")


@transaction.atomic
def subsidy_application_disburse(
    *,
    application: SubsidyApplication,
    amount,
    paid_on: date,
    payment_reference: str,
    condition_milestone: Milestone | None = None,
    by,
) -> Disbursement:
    """Record a tranche paid against an approved application.
    Before: approved or being paid; 0 < amount <= what is left to pay; the condition milestone,
    if any, is the organisation's and verified. After: the tranche, the application's and the
    scheme's disbursed totals raised by conditional updates; the application is being paid, or
    paid in full when nothing is left."""
    require_allowed(applications_user_may_pay, by, application, message=NOT_ALLOWED)
    application = locked_for_move(
        application,
        SubsidyApplication.Status.DISBURSING,
        SubsidyApplication.Status.COMPLETED,
        **FOR_MOVE,
    )
    amount = _amount(amount)
    if paid_on > timezone.localdate():
        raise ServiceError(PAID_IN_FUTURE % {"day": date_format(paid_on)}, code="paid_in_future")
    payment_reference = (payment_reference or "").strip()
    if not payment_reference:
        raise ServiceError(REFERENCE_REQUIRED, code="reference_required")
    if condition_milestone is not None:
        milestone = Milestone.objects.get(pk=condition_milestone.pk)
        if milestone.organisation_id != application.organisation_id:
            raise ServiceError(MILESTONE_OTHER_ORGANISATION, code="milestone_other_organisation")
        if milestone.status != Milestone.Status.VERIFIED:
            raise ServiceError(
                MILESTONE_NOT_VERIFIED % {"title": milestone.title},
                code="milestone_not_verified",
            )
    paid = SubsidyApplication.objects.filter(
        pk=application.pk, disbursed_total__lte=fen(F("approved_amount") - amount)
    ).update(disbursed_total=fen(F("disbursed_total") + amount))
    if paid != 1:
        raise ServiceError(
            OVER_APPROVED
            % {
                "left": money(application.approved_amount - application.disbursed_total),
                "approved": money(application.approved_amount),
            },
            code="over_approved",
        )
    # Holds whenever the application's own total does (the scheme's approved total includes
    # this approval); checked all the same, and the database's constraint stands behind it.
    scheme_paid = Scheme.objects.filter(
        pk=application.scheme_id, disbursed_total__lte=fen(F("approved_total") - amount)
    ).update(disbursed_total=fen(F("disbursed_total") + amount))
    if scheme_paid != 1:
        raise ServiceError(SCHEME_OVERPAID, code="scheme_overpaid")
    application.refresh_from_db(fields=["disbursed_total"])
    done = application.disbursed_total == application.approved_amount
    target = SubsidyApplication.Status.COMPLETED if done else SubsidyApplication.Status.DISBURSING
    application.status = target
    fields = ["status", "updated_at"]
    if done:
        application.completed_at = timezone.now()
        fields.append("completed_at")
    application.save(update_fields=fields)
    disbursement = Disbursement(
        application=application,
        amount=amount,
        paid_on=paid_on,
        payment_reference=payment_reference[:80],
        condition_milestone=condition_milestone,
        created_by=by,
    )
    disbursement.full_clean()
    disbursement.save()
    audit_log(
        instance=application,
        action="subsidies.application.disburse",
        user=by,
        data={
            "amount": money(amount),
            "paid_on": paid_on.isoformat(),
            "reference": payment_reference,
            "disbursed": money(application.disbursed_total),
            "approved": money(application.approved_amount),
        },
    )
    tell_admins(application, "application_disbursed", disbursement=disbursement)
    application_queue_moved(application)
    return disbursement
