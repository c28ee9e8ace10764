"""Claims for reimbursement of care vouchers: a provider's admin submits a month of its sites'
redemptions; the bureau draws a random sample, checks each sampled service with the resident,
approves or returns the claim, and pays it with a settlement letter.

A redemption is claimed once: the claim takes its redemptions with one conditional UPDATE
(``claim IS NULL``), under the provider's row lock, backed by the partial unique constraint of
one live claim per provider and month. A live claim's total is the sum of its redemptions,
computed by the database."""

import math
import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import notify_organisation_admins
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import rmb_capital
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.dates import add_months
from incubator.kernel.services.letters import letter_issue
from incubator.models import Organisation
from subsidies.claim_selectors import (
    claim_total,
    claims_user_may_decide,
    organisations_user_may_claim_for,
    redemptions_of_month,
)
from subsidies.models import Claim, ClaimSampleItem, Redemption, SampleOutcome
from subsidies.services.common import money

NOT_ALLOWED = _("You may not do this with this claim.")
NOT_ADMIN = _("Only an administrator of the provider submits its claims.")
MONTH_NOT_ENDED = _("%(month)s has not ended yet: claim it from the first day of next month.")
LIVE_CLAIM = _("%(month)s is already claimed: see the claim of that month.")
NOTHING_TO_CLAIM = _("No service paid with care vouchers in %(month)s is left to claim.")
MOVE_REFUSED = _("This claim is %(status)s; it cannot be changed that way now.")
SAMPLE_NOT_CHECKED = _(
    "Every sampled service must be confirmed before the claim is approved: %(left)s not confirmed."
)
REASON_REQUIRED = _("Give the reason; the provider receives it.")
BAD_OUTCOME = _("Choose whether the service was confirmed or a problem was found.")
PROBLEM_NOTE = _("Say what the problem is.")
SAMPLE_CLOSED = _("The sample of this claim can no longer be changed.")
REFERENCE_REQUIRED = _("Give the payment's reference (the bank transfer's number).")
PAID_ON_FUTURE = _("The payment cannot be dated in the future.")
PAID_ON_REQUIRED = _("Give the date of the payment.")
SETTLEMENT_TITLE = _("Notice of the settlement of care vouchers redeemed in %(month)s")

EMAIL_DIR = "subsidies/email/"
# The sample: a tenth of the services, at least three, never more than there are.
SAMPLE_SHARE = 0.10
SAMPLE_MIN = 3


def _month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _for_move(claim: Claim, target: str) -> Claim:
    return locked_for_move(
        claim, target, refused=MOVE_REFUSED, related=("organisation",), lock_of=("self",)
    )


def _tell_admins(claim: Claim, template: str) -> None:
    notify_organisation_admins(
        claim.organisation,
        template=EMAIL_DIR + template,
        context={"claim": claim},
        link=("subsidies:voucher_claim", [claim.pk]),
    )


def _refresh_total(claim: Claim) -> None:
    total, count = claim_total(claim)
    claim.total, claim.redemption_count = total, count
    claim.save(update_fields=["total", "redemption_count"])


@transaction.atomic
def claim_submit(*, organisation, month: date, by, now=None) -> Claim:
    """A provider's admin claims every redemption of ``month`` at its sites not yet claimed.
    Before: ``by`` is a live admin of ``organisation``; the month has ended (China Standard
    Time); no live claim of the month exists; at least one unclaimed redemption. After: the
    claim, submitted, holding those redemptions, its total their sum; the audit entry."""
    require_allowed(organisations_user_may_claim_for, by, organisation, message=NOT_ADMIN)
    now = now or timezone.now()
    month = month.replace(day=1)
    label = _month_label(month)
    if add_months(month, 1) > timezone.localdate(now):
        raise ServiceError(MONTH_NOT_ENDED % {"month": label}, code="month_not_ended")
    # The provider's row lock queues concurrent submissions of one provider.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    live = Claim.objects.filter(organisation=organisation, month=month).exclude(
        status=Claim.Status.RETURNED
    )
    if live.exists():
        raise ServiceError(LIVE_CLAIM % {"month": label}, code="live_claim")
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                organisation=organisation, month=month, submitted_at=now, submitted_by=by
            )
    except IntegrityError as error:
        raise ServiceError(LIVE_CLAIM % {"month": label}, code="live_claim") from error
    taken = redemptions_of_month(organisation, month).filter(claim__isnull=True).update(claim=claim)
    if taken == 0:
        raise ServiceError(NOTHING_TO_CLAIM % {"month": label}, code="nothing_to_claim")
    _refresh_total(claim)
    assert claim.redemption_count == taken
    assert (claim.total, taken) == claim_total(claim), "a claim is exactly its redemptions"
    audit_log(
        instance=claim,
        action="subsidies.claim.submit",
        user=by,
        data={"month": label, "count": taken, "total": money(claim.total)},
    )
    return claim


@transaction.atomic
def claim_draw_sample(*, claim: Claim, by, rng=None) -> Claim:
    """The bureau draws the claim's random sample to verify: a tenth of its services, at least
    three, at most all (``secrets.SystemRandom``). Before: submitted. After: sample drawn."""
    require_allowed(claims_user_may_decide, by, claim, message=NOT_ALLOWED)
    claim = _for_move(claim, Claim.Status.SAMPLE_DRAWN)
    ids = list(claim.redemptions.order_by("pk").values_list("pk", flat=True))
    size = min(len(ids), max(SAMPLE_MIN, math.ceil(len(ids) * SAMPLE_SHARE)))
    chosen = sorted((rng or secrets.SystemRandom()).sample(ids, size))
    ClaimSampleItem.objects.bulk_create(
        ClaimSampleItem(claim=claim, redemption_id=pk) for pk in chosen
    )
    claim.status = Claim.Status.SAMPLE_DRAWN
    claim.sample_drawn_at, claim.sample_drawn_by = timezone.now(), by
    claim.save(update_fields=["status", "sample_drawn_at", "sample_drawn_by"])
    audit_log(
        instance=claim,
        action="subsidies.claim.draw_sample",
        user=by,
        data={"size": size, "count": len(ids)},
    )
    return claim


@transaction.atomic
def claim_sample_check(*, item: ClaimSampleItem, outcome: str, note: str = "", by):
    """The bureau records what it found checking one sampled service (e.g. it phoned the
    resident). Before: the claim's sample is drawn and it is not decided; a problem has a
    note. After: the item's outcome, note, checker and time; the audit entry on the claim."""
    require_allowed(claims_user_may_decide, by, item.claim, message=NOT_ALLOWED)
    claim = Claim.objects.select_for_update().get(pk=item.claim_id)
    if claim.status != Claim.Status.SAMPLE_DRAWN:
        raise ServiceError(SAMPLE_CLOSED, code="sample_closed")
    if outcome not in (SampleOutcome.CONFIRMED, SampleOutcome.PROBLEM):
        raise ServiceError(BAD_OUTCOME, code="bad_outcome")
    note = (note or "").strip()
    if outcome == SampleOutcome.PROBLEM and not note:
        raise ServiceError(PROBLEM_NOTE, code="problem_note")
    item = ClaimSampleItem.objects.select_related("redemption").get(pk=item.pk)
    item.outcome, item.note = outcome, note
    item.checked_at, item.checked_by = timezone.now(), by
    item.save(update_fields=["outcome", "note", "checked_at", "checked_by"])
    audit_log(
        instance=claim,
        action="subsidies.claim.check",
        user=by,
        data={
            "service": item.redemption.service_name,
            "outcome": item.get_outcome_display(),
            "note": note,
        },
    )
    return item


@transaction.atomic
def claim_approve(*, claim: Claim, by) -> Claim:
    """The bureau approves a claim whose every sampled service was confirmed.
    Before: sample drawn, every item confirmed. After: approved (to be paid)."""
    require_allowed(claims_user_may_decide, by, claim, message=NOT_ALLOWED)
    claim = _for_move(claim, Claim.Status.APPROVED)
    left = claim.sample.exclude(outcome=SampleOutcome.CONFIRMED).count()
    if left:
        raise ServiceError(SAMPLE_NOT_CHECKED % {"left": left}, code="sample_not_confirmed")
    claim.status = Claim.Status.APPROVED
    claim.decided_at, claim.decided_by = timezone.now(), by
    claim.save(update_fields=["status", "decided_at", "decided_by"])
    audit_log(
        instance=claim,
        action="subsidies.claim.approve",
        user=by,
        data={"total": money(claim.total), "count": claim.redemption_count},
    )
    return claim


@transaction.atomic
def claim_return(*, claim: Claim, reason: str, by) -> Claim:
    """The bureau returns a claim with its reason. Before: submitted or sample drawn.
    After: returned; its redemptions are free to be claimed again once corrected (the claim
    keeps the total and count it was submitted with, as a record); the provider's admins are
    told."""
    require_allowed(claims_user_may_decide, by, claim, message=NOT_ALLOWED)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    claim = _for_move(claim, Claim.Status.RETURNED)
    Redemption.objects.filter(claim=claim).update(claim=None)
    claim.status = Claim.Status.RETURNED
    claim.return_reason = reason
    claim.decided_at, claim.decided_by = timezone.now(), by
    claim.save(update_fields=["status", "return_reason", "decided_at", "decided_by"])
    audit_log(instance=claim, action="subsidies.claim.return", user=by, data={"reason": reason})
    _tell_admins(claim, "claim_returned")
    return claim


def _settlement_details(claim: Claim, paid_on: date, reference: str) -> dict:
    """What the settlement letter says beyond the amount, fixed in Chinese."""
    sites = (
        claim.redemptions.values("site__name")
        .order_by("site__name")
        .annotate(count=Count("pk"), amount=Sum("amount"))
    )
    with translation.override("zh-hans"):
        return {
            "provider_name": claim.organisation.name,
            "claim_month": _month_label(claim.month),
            "service_count": claim.redemption_count,
            "sample_size": claim.sample.count(),
            "paid_on": date_format(paid_on, "DATE_FORMAT"),
            "payment_reference": reference,
            "claim_sites": [
                {
                    "site_name": row["site__name"],
                    "site_count": row["count"],
                    "site_amount": money(row["amount"]),
                }
                for row in sites
            ],
            "amount_figures": money(claim.total),
            "amount_capital": rmb_capital(claim.total),
        }


@transaction.atomic
def claim_pay(*, claim: Claim, paid_on: date, payment_reference: str, by) -> Claim:
    """The bureau records the payment of an approved claim. Before: approved; a payment date
    not in the future and the transfer's reference. After: paid; the settlement letter issued
    (numbered, verifiable; its PDF rendered by a task of the same transaction); the provider's
    admins told after commit."""
    require_allowed(claims_user_may_decide, by, claim, message=NOT_ALLOWED)
    reference = (payment_reference or "").strip()
    if not isinstance(paid_on, date):
        raise ServiceError(PAID_ON_REQUIRED, code="paid_on_required")
    if paid_on > timezone.localdate():
        raise ServiceError(PAID_ON_FUTURE, code="paid_on_future")
    if not reference:
        raise ServiceError(REFERENCE_REQUIRED, code="reference_required")
    claim = _for_move(claim, Claim.Status.PAID)
    total, count = claim_total(claim)
    assert (total, count) == (claim.total, claim.redemption_count), "a claim is its redemptions"
    claim.status = Claim.Status.PAID
    claim.paid_on, claim.payment_reference = paid_on, reference[:60]
    claim.paid_at, claim.paid_by = timezone.now(), by
    with translation.override("zh-hans"):
        title = str(SETTLEMENT_TITLE % {"month": _month_label(claim.month)})
    claim.settlement_letter = letter_issue(
        kind="voucher_settlement",
        recipient=claim.organisation,
        subject=claim,
        title=title[:200],
        details=_settlement_details(claim, paid_on, claim.payment_reference),
        amount=claim.total,
        by=by,
    )
    claim.save(
        update_fields=[
            "status",
            "paid_on",
            "payment_reference",
            "paid_at",
            "paid_by",
            "settlement_letter",
        ]
    )
    audit_log(
        instance=claim,
        action="subsidies.claim.pay",
        user=by,
        data={
            "total": money(claim.total),
            "paid_on": date_format(paid_on, "DATE_FORMAT"),
            "reference": claim.payment_reference,
            "letter": claim.settlement_letter.reference,
        },
    )
    _tell_admins(claim, "claim_paid")
    return claim
