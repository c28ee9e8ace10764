"""The bureau's steps after the award: recording the contract's signing (within 30 days of the
award notice, Government Procurement Law Art. 46), publishing it (within 2 working days of
signing, Implementing Regulation Art. 50) and amending it (补充合同: the value at most 10 % away
from the original, GPL Art. 49). Bureau officers only; each step is audited."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.incubation.services.notifications import organisation_members
from incubator.kernel.audit import audit_log
from incubator.kernel.errors import ServiceError
from incubator.kernel.money import format_rmb
from incubator.kernel.permissions import require_allowed
from incubator.kernel.services.letters import letter_issue
from incubator.kernel.services.notifications import notifications_done, notify_on_commit
from tenders.letters import TenderLetterKind
from tenders.models import Contract, ContractAmendment, ContractStage, contract_stage
from tenders.models.contract_terms import AMENDMENT_LIMIT, CONTRACT_MOVES, signed_rmb
from tenders.selectors import (
    contracts_user_may_amend,
    contracts_user_may_publish,
    contracts_user_may_sign,
)
from tenders.services import NOT_ALLOWED

CENT = Decimal("0.01")
AMENDMENT_LETTER_TITLE = pgettext_lazy("letter title", "Notice of Contract Amendment")

STAGE_REFUSED = _("The contract is %(stage)s; it cannot be changed that way.")
SIGNED_IN_FUTURE = _("The signing date cannot be in the future.")
SIGNED_BEFORE_AWARD = _("The contract cannot be signed before the award decision of %(date)s.")
NOT_SIGNED = _("Only a signed contract can be amended.")
REASON_REQUIRED = _("Give the reason for the amendment; it is published.")
CHANGE_REQUIRED = _("Give the change of value (zero when only the end date changes).")
OVER_LIMIT = _(
    "The amendments would take the contract value to %(value)s, more than 10 %% away from "
    "the original %(original)s: it must stay between %(low)s and %(high)s."
)
ENDS_BEFORE_START = _("The new end date must come after the contract starts on %(date)s.")
NOTHING_CHANGES = _("An amendment must change the value or the end date.")
BELOW_PAID = _(
    "The contract has paid %(paid)s already; its value cannot go below that (it would be "
    "%(value)s)."
)
CHANGED_MEANWHILE = _("The contract changed meanwhile; reload it and try again.")


def _locked(contract: Contract, to: ContractStage | None = None) -> Contract:
    """Re-read ``contract`` under a row lock; with ``to``, check the stage may move there."""
    locked = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("award", "tender", "organisation")
        .get(pk=contract.pk)
    )
    if to is not None and to not in CONTRACT_MOVES[contract_stage(locked)]:
        stage = contract_stage(locked)
        raise ServiceError(STAGE_REFUSED % {"stage": stage.label}, code="move_refused")
    return locked


@transaction.atomic
def contract_sign(*, contract: Contract, signed_on: date, by) -> Contract:
    """Record that the contract was signed on ``signed_on``. Before: unsigned; the date not in
    the future and not before the award decision. After: signed; publication is due within
    two working days."""
    require_allowed(contracts_user_may_sign, by, contract, message=NOT_ALLOWED)
    contract = _locked(contract, ContractStage.SIGNED)
    decided_on = timezone.localdate(contract.award.decided_at)
    if signed_on > timezone.localdate():
        raise ServiceError(SIGNED_IN_FUTURE, code="future")
    if signed_on < decided_on:
        raise ServiceError(SIGNED_BEFORE_AWARD % {"date": f"{decided_on:%Y-%m-%d}"}, code="early")
    contract.signed_on, contract.signed_by = signed_on, by
    contract.save(update_fields=["signed_on", "signed_by"])
    audit_log(
        instance=contract,
        action="tenders.contract.sign",
        user=by,
        data={"signed_on": f"{signed_on:%Y-%m-%d}"},
    )
    notifications_done(item=contract, kinds=["tenders/email/duty_due"])
    return contract


@transaction.atomic
def contract_publish(*, contract: Contract, by, now=None) -> Contract:
    """Publish the contract's summary (parties, value, period, deliverables, signing date) on
    its tender's public page. Before: signed, not yet published. After: published."""
    require_allowed(contracts_user_may_publish, by, contract, message=NOT_ALLOWED)
    contract = _locked(contract, ContractStage.PUBLISHED)
    contract.published_at = now or timezone.now()
    contract.save(update_fields=["published_at"])
    audit_log(instance=contract, action="tenders.contract.publish", user=by)
    notifications_done(item=contract, kinds=["tenders/email/duty_due"])
    return contract


def amendment_bounds(original: Decimal) -> tuple[Decimal, Decimal]:
    """The lowest and highest value amendments may give a contract of ``original`` value."""
    room = (original * AMENDMENT_LIMIT).quantize(CENT, rounding=ROUND_HALF_UP)
    return original - room, original + room


def _amendment_letter(contract: Contract, amendment: ContractAmendment, before: Decimal, by):
    with translation.override("zh-hans"):
        title = str(AMENDMENT_LETTER_TITLE)
    tender = contract.tender.source_page
    letter_issue(
        kind=TenderLetterKind.CONTRACT_AMENDMENT,
        recipient=contract.organisation,
        subject=amendment,
        title=title,
        details={
            "tender_title": tender.title if tender else "",
            "tender_reference": contract.tender.reference,
            "commissioning_body": tender.commissioning_body if tender else "",
            "amendment_number": amendment.number,
            "reason": amendment.reason,
            "signed_on": contract.signed_on.isoformat(),
            "value_before": format_rmb(before),
            "value_change": format_rmb(abs(amendment.value_change)),
            "direction": "up"
            if amendment.value_change > 0
            else "down"
            if amendment.value_change < 0
            else "none",
            "value_after": format_rmb(amendment.value_after),
            "original_value": format_rmb(contract.original_value),
            "ends_on": amendment.ends_on.isoformat() if amendment.ends_on else "",
        },
        amount=amendment.value_after,
        by=by,
    )


@transaction.atomic
def contract_amend(
    *,
    contract: Contract,
    reason: str,
    value_change: Decimal,
    ends_on: date | None = None,
    by,
    now=None,
) -> ContractAmendment:
    """Amend a signed contract: the next number, the value moved by ``value_change`` (up,
    down or not at all) and optionally a new end date. Refused when the value would end more
    than 10 % away from the original value, counting every amendment. After: the contract's
    value (moved by one conditional update) and end date, and the amendment letter."""
    require_allowed(contracts_user_may_amend, by, contract, message=NOT_ALLOWED)
    contract = _locked(contract)
    if contract_stage(contract) == ContractStage.UNSIGNED:
        raise ServiceError(NOT_SIGNED, code="not_signed")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(REASON_REQUIRED, code="reason")
    if value_change is None:
        raise ServiceError(CHANGE_REQUIRED, code="value_change")
    value_change = Decimal(value_change).quantize(CENT, rounding=ROUND_HALF_UP)
    if ends_on is not None and ends_on <= contract.starts_on:
        raise ServiceError(
            ENDS_BEFORE_START % {"date": f"{contract.starts_on:%Y-%m-%d}"}, code="ends_on"
        )
    if not value_change and (ends_on is None or ends_on == contract.ends_on):
        raise ServiceError(NOTHING_CHANGES, code="nothing")
    low, high = amendment_bounds(contract.original_value)
    before, after = contract.value, contract.value + value_change
    if not low <= after <= high:
        raise ServiceError(
            OVER_LIMIT
            % {
                "value": format_rmb(after) if after >= 0 else signed_rmb(after),
                "original": format_rmb(contract.original_value),
                "low": format_rmb(low),
                "high": format_rmb(high),
            },
            code="over_limit",
        )
    if after < contract.paid_total:
        raise ServiceError(
            BELOW_PAID
            % {"paid": format_rmb(contract.paid_total), "value": format_rmb(max(after, 0))},
            code="below_paid",
        )
    # The database decides: the value moves only if it is still the value checked, stays
    # within the bounds and above what was paid, whatever another transaction did.
    moved = Contract.objects.filter(
        pk=contract.pk,
        value=before,
        value__gte=low - value_change,
        value__lte=high - value_change,
        paid_total__lte=F("value") + value_change,
    ).update(value=F("value") + value_change, ends_on=ends_on or F("ends_on"))
    if moved != 1:
        raise ServiceError(CHANGED_MEANWHILE, code="changed")
    contract.refresh_from_db(fields=["value", "ends_on"])
    last = contract.amendments.aggregate(last=Max("number"))["last"] or 0
    amendment = ContractAmendment(
        contract=contract,
        number=last + 1,
        reason=reason,
        value_change=value_change,
        value_after=contract.value,
        ends_on=ends_on,
        decided_at=now or timezone.now(),
        decided_by=by,
    )
    amendment.full_clean()
    amendment.save()
    audit_log(
        instance=contract,
        action="tenders.contract.amend",
        user=by,
        reason=reason,
        data={
            "number": amendment.number,
            "value_change": signed_rmb(value_change),
            "value": format_rmb(contract.value),
        },
    )
    _amendment_letter(contract, amendment, before, by)
    notify_on_commit(
        users=organisation_members([contract.organisation_id]),
        template="tenders/email/contract_amended",
        context={"contract": contract, "amendment": amendment, "tender": contract.tender},
        link=("tenders_portal:contract", [contract.pk]),
    )
    return amendment
