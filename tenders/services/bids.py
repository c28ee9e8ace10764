"""Bids: an organisation's admin drafts, submits, changes and withdraws its bid while the
tender is open, by the server's clock; after the deadline nothing in a bid changes. The
bureau may disqualify a bid after the deadline, with a reason."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.incubation.services.notifications import notify_organisation_admins
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import format_rmb
from incubator.kernel.moves import locked_for_move
from incubator.kernel.permissions import require_allowed
from tenders.models import Tender, TenderAward, TenderBid, TenderBidAttachment, TenderPage
from tenders.selectors import (
    bids_user_may_disqualify,
    bids_user_may_withdraw,
    organisations_user_may_bid_for,
)
from tenders.services import NOT_ALLOWED
from tenders.services.eligibility import tender_eligibility

NOT_OPEN = _("This tender accepts bids from %(opens)s until %(deadline)s; it is not open now.")
DEADLINE_PASSED = _(
    "The deadline passed at %(deadline)s; bids can no longer be submitted or changed."
)
CANCELLED = _("This tender was cancelled; it accepts no bids.")
NOT_ELIGIBLE = _("Your organisation cannot bid for this tender: %(reasons)s")
MOVE_REFUSED = _("This bid is %(status)s; it cannot be changed that way.")
SUBMITTED_ALREADY = _(
    "Your bid is submitted. Submit it again to change it, or withdraw it; it cannot go back "
    "to a draft."
)
INCOMPLETE = _("A bid needs a price above zero and the declaration before it can be submitted.")
OVER_CEILING = _("The price is above the budget ceiling of %(ceiling)s.")
LIVE_BID_EXISTS = _("Your organisation already has a bid for this tender.")
REASON_REQUIRED = _("Give the reason for disqualifying the bid; the organisation receives it.")
STILL_SEALED = _("Bids are sealed until the deadline.")
AWARDED_ALREADY = _("The tender has been awarded; its bids no longer change.")


def _fmt(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _check_open(tender: TenderPage, now) -> None:
    if tender.cancelled_at is not None:
        raise ServiceError(CANCELLED, code="cancelled")
    if now >= tender.deadline:
        raise ServiceError(
            DEADLINE_PASSED % {"deadline": _fmt(tender.deadline)}, code="deadline_passed"
        )
    if now < tender.opens_at:
        raise ServiceError(
            NOT_OPEN % {"opens": _fmt(tender.opens_at), "deadline": _fmt(tender.deadline)},
            code="not_open",
        )


def _fresh_tender(tender: TenderPage | Tender) -> Tender:
    return Tender.objects.get(pk=Tender.of(tender).pk)


def _live_bid(tender, organisation) -> TenderBid | None:
    return (
        TenderBid.objects.select_for_update()
        .filter(tender=tender, organisation=organisation, status__in=TenderBid.LIVE)
        .first()
    )


def _write(bid: TenderBid, fields: dict, files, by) -> None:
    for name in ("method_statement", "staffing_plan", "price", "declaration"):
        if name in fields:
            setattr(bid, name, fields[name])
    bid.full_clean(exclude=["tender", "organisation"], validate_constraints=False)
    try:
        with transaction.atomic():
            bid.save()
    except IntegrityError as error:
        raise ServiceError(LIVE_BID_EXISTS, code="live_bid_exists") from error
    for file in files or []:
        attachment = TenderBidAttachment(
            bid=bid, file=file, original_name=getattr(file, "name", "")[:255], uploaded_by=by
        )
        attachment.full_clean()
        attachment.save()


def _prepare(tender, organisation, now):
    tender = _fresh_tender(tender)
    _check_open(tender, now)
    reasons = tender_eligibility(tender=tender, organisation=organisation)
    if reasons:
        raise ServiceError(
            NOT_ELIGIBLE % {"reasons": " ".join(str(r) for r in reasons)}, code="not_eligible"
        )
    return tender


@transaction.atomic
def bid_save_draft(
    *, tender: TenderPage, organisation, fields: dict, files=(), by, now=None
) -> TenderBid:
    """Save the organisation's draft bid, starting one if it has no live bid.
    Before: the tender is open, the organisation eligible, its live bid (if any) a draft.
    After: the draft holds ``fields`` and the new files."""
    require_allowed(organisations_user_may_bid_for, by, organisation, message=NOT_ALLOWED)
    now = now or timezone.now()
    tender = _prepare(tender, organisation, now)
    bid = _live_bid(tender, organisation)
    if bid is not None and bid.status == TenderBid.Status.SUBMITTED:
        raise ServiceError(SUBMITTED_ALREADY, code="submitted_already")
    created = bid is None
    if created:
        bid = TenderBid(tender=tender, organisation=organisation, created_by=by)
    _write(bid, fields, files, by)
    audit_log(
        instance=bid,
        action="tenders.bid.save",
        user=by,
        data={"tender": tender.reference, "organisation": organisation.name},
    )
    return bid


@transaction.atomic
def bid_submit(
    *, tender: TenderPage, organisation, fields: dict, files=(), by, now=None
) -> TenderBid:
    """Submit the organisation's bid (or submit a changed bid again) before the deadline.
    Before: the tender is open, the organisation eligible; the bid has a price within the
    ceiling and the declaration. After: the bid is submitted at ``now``."""
    require_allowed(organisations_user_may_bid_for, by, organisation, message=NOT_ALLOWED)
    now = now or timezone.now()
    tender = _prepare(tender, organisation, now)
    bid = _live_bid(tender, organisation)
    if bid is None:
        bid = TenderBid(tender=tender, organisation=organisation, created_by=by)
    resubmission = bid.status == TenderBid.Status.SUBMITTED
    merged = {
        "price": fields.get("price", bid.price),
        "declaration": fields.get("declaration", bid.declaration),
    }
    if merged["price"] is None or merged["price"] <= 0 or not merged["declaration"]:
        raise ServiceError(INCOMPLETE, code="incomplete")
    if merged["price"] > tender.budget_ceiling:
        raise ServiceError(
            OVER_CEILING % {"ceiling": format_rmb(tender.budget_ceiling)}, code="over_ceiling"
        )
    bid.status = TenderBid.Status.SUBMITTED
    bid.submitted_at = now
    bid.submitted_by = by
    _write(bid, fields, files, by)
    audit_log(
        instance=bid,
        action="tenders.bid.submit",
        user=by,
        data={"tender": tender.reference, "resubmitted": resubmission},
    )
    # A receipt: sealed bids are seen by nobody else, so the organisation keeps the record.
    notify_organisation_admins(
        organisation,
        template="tenders/email/bid_submitted",
        context={"tender": tender, "bid": bid},
        link=("tenders_portal:bid", [tender.pk]),
    )
    return bid


@transaction.atomic
def bid_withdraw(*, bid: TenderBid, by, now=None) -> TenderBid:
    """Withdraw a draft or submitted bid while the tender is open; the organisation may then
    start a new one."""
    require_allowed(bids_user_may_withdraw, by, bid, message=NOT_ALLOWED)
    now = now or timezone.now()
    bid = locked_for_move(
        bid, TenderBid.Status.WITHDRAWN, refused=MOVE_REFUSED, related=("organisation",)
    )
    _check_open(_fresh_tender(bid.tender), now)
    bid.status = TenderBid.Status.WITHDRAWN
    bid.withdrawn_at = now
    bid.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_log(instance=bid, action="tenders.bid.withdraw", user=by, data={})
    notify_organisation_admins(
        bid.organisation,
        template="tenders/email/bid_withdrawn",
        context={"tender": bid.tender, "bid": bid},
        link=("tenders_portal:bid", [bid.tender_id]),
    )
    return bid


@transaction.atomic
def bid_disqualify(*, bid: TenderBid, reason: str, by, now=None) -> TenderBid:
    """The bureau disqualifies a submitted bid after the deadline, with a reason."""
    require_allowed(bids_user_may_disqualify, by, bid, message=NOT_ALLOWED)
    now = now or timezone.now()
    bid = locked_for_move(
        bid, TenderBid.Status.DISQUALIFIED, refused=MOVE_REFUSED, related=("organisation",)
    )
    if now < bid.tender.deadline:
        raise ServiceError(STILL_SEALED, code="sealed")
    if TenderAward.objects.filter(tender=bid.tender_id).exclude(status="set_aside").exists():
        raise ServiceError(AWARDED_ALREADY, code="awarded")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason_required")
    bid.status = TenderBid.Status.DISQUALIFIED
    bid.disqualified_at = now
    bid.disqualified_by = by
    bid.disqualification_reason = reason
    bid.save(
        update_fields=[
            "status",
            "disqualified_at",
            "disqualified_by",
            "disqualification_reason",
            "updated_at",
        ]
    )
    audit_log(
        instance=bid,
        action="tenders.bid.disqualify",
        user=by,
        reason=reason,
        data={"organisation": bid.organisation.name},
    )
    notify_organisation_admins(
        bid.organisation,
        template="tenders/email/bid_disqualified",
        context={"tender": bid.tender, "bid": bid},
        link=("tenders_portal:bid", [bid.tender_id]),
    )
    return bid
