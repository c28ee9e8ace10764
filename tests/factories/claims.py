"""Care-voucher claim test data: services recorded in a past month at a provider's site, the
provider's admin who claims them."""

from datetime import date

from subsidies.services.redemptions import redemption_record
from tests.factories.redemptions import credited_holder, cst, provider_staff, service_of
from tests.factories.vouchers import PIN

NOVEMBER = date(2026, 11, 1)


def provider_admin(contract, username="centre_admin"):
    """A (new) administrator of the contract's provider organisation."""
    return provider_staff(contract, "admin", username=username)


def november_services(scheme, site, staff, count: int, *, holders=None) -> list:
    """``count`` full days of day care (¥20 each) in November 2026, at most four per holder
    (a holder has November's ¥80)."""
    service = service_of(site, "日间照料（全天）")
    holders = list(holders or [])
    while len(holders) * 4 < count:
        holders.append(credited_holder(scheme))
    redemptions = []
    for index in range(count):
        holder = holders[index // 4]
        redemptions.append(
            redemption_record(
                by=staff,
                site=site,
                service=service,
                resident_card=holder.card_number,
                pin=PIN,
                served_at=cst(2026, 11, 2 + index % 4, 8, 30),
                duration_minutes=service.duration_minutes,
                now=cst(2026, 11, 27, 18, 0),
            )
        )
    return redemptions


def claims_in_each_state(scheme, contract, site, staff) -> dict:
    """For the authorization checks: one November service left to claim, and claims of the
    provider submitted (August), with its sample drawn and checked (September) and approved
    (October), made directly (their services do not matter to who may act)."""
    from django.utils import timezone

    from subsidies.models import Claim, ClaimSampleItem, SampleOutcome

    service = november_services(scheme, site, staff, 1)[0]
    organisation, now = contract.organisation, timezone.now()

    def claim(month, status):
        return Claim.objects.create(
            organisation=organisation,
            month=date(2026, month, 1),
            status=status,
            submitted_at=now,
            submitted_by=staff,
        )

    sampled = claim(9, Claim.Status.SAMPLE_DRAWN)
    return {
        "claim_submitted": claim(8, Claim.Status.SUBMITTED),
        "claim_sampled": sampled,
        "claim_item": ClaimSampleItem.objects.create(
            claim=sampled, redemption=service, outcome=SampleOutcome.CONFIRMED
        ),
        "claim_approved": claim(10, Claim.Status.APPROVED),
    }
