"""Demo data of care-voucher claims: the day-care centre's provider claimed the month before
last (the bureau drew its sample, phoned the residents, approved and paid it, with the
settlement letter) and has claimed last month, which waits for the bureau's sample, as does the
home-care provider of 沙溪镇 for its visits of last month. Every step goes through the claim
services as the providers' administrators and the bureau officer would take it."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tools.demo.home_care import REFERENCE as HOME_CARE
from tools.demo.redemptions import CONTRACT
from tools.demo.seeding import SeedLog, demo_step
from tools.demo.vouchers import _months_back

CHECKED = "电话回访老人，确认服务属实"


def _at(day: date, hour: int) -> datetime:
    """``hour`` o'clock on ``day``, China Standard Time, and never after now."""
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    return min(moment, timezone.now())


def _backdate(claim, *, submitted: date, checked: date | None = None, decided: date | None = None):
    """Date the claim's steps as the provider and the bureau took them (the services stamp the
    moment the seed runs): submitted in the first days of the next month, the sample phoned
    through three days later, approved a few days after that, paid on its payment day."""
    from subsidies.models import Claim, ClaimSampleItem

    fields = {"submitted_at": _at(submitted, 10)}
    if checked is not None:
        fields["sample_drawn_at"] = _at(checked, 9)
        ClaimSampleItem.objects.filter(claim=claim).update(checked_at=_at(checked, 16))
    if decided is not None:
        fields["decided_at"] = _at(decided, 11)
    if claim.paid_on is not None:
        fields["paid_at"] = _at(claim.paid_on, 15)
    Claim.objects.filter(pk=claim.pk).update(**fields)


@demo_step(order=94)
def seed_claims(log: SeedLog) -> None:
    """The day-care provider's claims of the last two whole months (one paid, one waiting) and
    the home-care provider's claim of last month (waiting)."""
    from django.contrib.auth import get_user_model

    from subsidies.models import Claim
    from subsidies.services.claims import (
        claim_approve,
        claim_draw_sample,
        claim_pay,
        claim_sample_check,
        claim_submit,
    )
    from tenders.models import Contract

    contract = Contract.objects.filter(tender__reference=CONTRACT).first()
    if contract is None or Claim.objects.exists():
        return
    organisation = contract.organisation
    admin = organisation.memberships.filter(role="admin", ended_at__isnull=True).first()
    bureau = get_user_model().objects.filter(username="bureau").first()
    if admin is None or bureau is None:
        return
    today = timezone.localdate()
    before_last, last, this = _months_back(today, 3)
    paid = claim_submit(organisation=organisation, month=before_last, by=admin.user)
    paid = claim_draw_sample(claim=paid, by=bureau)
    for item in paid.sample.all():
        claim_sample_check(item=item, outcome="confirmed", note=CHECKED, by=bureau)
    paid = claim_approve(claim=paid, by=bureau)
    paid = claim_pay(
        claim=paid,
        paid_on=min(today, last + timedelta(days=19)),
        payment_reference=f"TCMZ-JS-{before_last:%Y%m}",
        by=bureau,
    )
    _backdate(
        paid,
        submitted=last + timedelta(days=2),
        checked=last + timedelta(days=5),
        decided=last + timedelta(days=9),
    )
    log.add(f"claim {paid} paid ¥{paid.total}, letter {paid.settlement_letter.reference}")
    waiting = claim_submit(organisation=organisation, month=last, by=admin.user)
    _backdate(waiting, submitted=this + timedelta(days=1))
    log.add(f"claim {waiting} submitted ¥{waiting.total}")
    home_care = Contract.objects.filter(tender__reference=HOME_CARE).first()
    if home_care is None or not home_care.sites.filter(voucher_redemptions__isnull=False).exists():
        return
    provider = home_care.organisation
    member = provider.memberships.filter(role="admin", ended_at__isnull=True).first()
    if member is not None:
        waiting = claim_submit(organisation=provider, month=last, by=member.user)
        _backdate(waiting, submitted=this + timedelta(days=2))
        log.add(f"claim {waiting} submitted ¥{waiting.total}")
